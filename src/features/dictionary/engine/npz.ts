/**
 * Reading an `.npz` (Gemma Scope's `params.npz`): a zip archive of `.npy` arrays, stored or
 * deflated (np.savez / np.savez_compressed), zip64 as numpy writes it. Lists the archive's 2-D
 * arrays; each is read later through its member's source (a range of the archive, or an
 * inflating stream).
 */
import type { ByteSource } from "./byte-source.ts";
import { DictionaryFileError } from "./errors.ts";
import { readNpy } from "./npy.ts";
import type { StoredMatrix } from "./stored-matrix.ts";
import { openZipMember, readZipDirectory } from "./zip.ts";

/**
 * The 2-D arrays of the .npz in `source`, in archive order, named by their member names without
 * ".npy". Members that are not 2-D (biases, thresholds) are skipped. Throws a
 * {@link DictionaryFileError}: "not-npz" when the zip holds no .npy member (naming a PyTorch
 * checkpoint as such), "no-2d-array" when none of its arrays is a usable 2-D array (with the reason
 * for each), or the error of the archive or of a member's header.
 */
export async function readNpz(source: ByteSource): Promise<StoredMatrix[]> {
  const members = await readZipDirectory(source);
  const arrays = members.filter((member) => member.name.endsWith(".npy") && !member.name.endsWith("/"));
  if (arrays.length === 0) {
    const torch = members.some((member) => /(^|\/)data\.pkl$/.test(member.name));
    const listed = members.slice(0, 5).map((member) => member.name);
    throw new DictionaryFileError(
      "not-npz",
      torch
        ? `${source.name} is a PyTorch checkpoint (a zip holding data.pkl), not an .npz: this page does not read .pt files; save the decoder with numpy or safetensors.`
        : `${source.name} is a zip archive but not an .npz: it holds no .npy arrays${listed.length > 0 ? ` (it holds ${listed.join(", ")}${members.length > 5 ? " …" : ""})` : " (it is empty)"}.`,
    );
  }
  const matrices: StoredMatrix[] = [];
  const skipped: string[] = [];
  for (const member of arrays) {
    const name = member.name.replace(/\.npy$/, "");
    try {
      matrices.push(await readNpy(await openZipMember(source, member), name));
    } catch (error) {
      if (!(error instanceof DictionaryFileError) || (error.problem !== "not-2d" && error.problem !== "unknown-dtype")) throw error;
      skipped.push(`${name}: ${error.message.replace(`${source.name} › ${member.name} `, "")}`);
    }
  }
  if (matrices.length === 0) {
    throw new DictionaryFileError("no-2d-array", `${source.name} holds no 2-D array of floats to measure (${skipped.join("; ")}).`);
  }
  return matrices;
}
