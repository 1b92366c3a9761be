/**
 * A formula's LaTeX as a line of plain text a reader can read in a search result:
 * `\varepsilon = \sqrt{\frac{8 \ln m}{n}}` → `ε = √((8 ln m)/n)`. Search indexes this in place of
 * the MathML, whose glyphs run together as text ("m−nn (m−1)"). Build time only.
 */

/** Commands written as a symbol or a word. */
const SYMBOLS: Readonly<Record<string, string>> = {
  alpha: "α",
  beta: "β",
  gamma: "γ",
  delta: "δ",
  epsilon: "ε",
  varepsilon: "ε",
  theta: "θ",
  lambda: "λ",
  mu: "μ",
  pi: "π",
  sigma: "σ",
  tau: "τ",
  phi: "φ",
  omega: "ω",
  Sigma: "Σ",
  le: "≤",
  leq: "≤",
  ge: "≥",
  geq: "≥",
  lesssim: "≲",
  gtrsim: "≳",
  ll: "≪",
  gg: "≫",
  approx: "≈",
  ne: "≠",
  neq: "≠",
  cdot: "·",
  times: "×",
  pm: "±",
  propto: "∝",
  sim: "~",
  infty: "∞",
  sum: "∑",
  in: "∈",
  to: "→",
  rightarrow: "→",
  langle: "⟨",
  rangle: "⟩",
  mid: "|",
  vert: "|",
  lvert: "|",
  rvert: "|",
  Vert: "‖",
  lVert: "‖",
  rVert: "‖",
  ldots: "…",
  dots: "…",
  top: "ᵀ",
  ln: "ln",
  log: "log",
  exp: "exp",
  max: "max",
  min: "min",
  quad: " ",
  qquad: " ",
};
/** Commands that only style or size what follows: dropped, their argument kept. */
const DROPPED = new Set([
  "left",
  "right",
  "big",
  "Big",
  "bigg",
  "Bigg",
  "bigl",
  "bigr",
  "Bigl",
  "Bigr",
  "displaystyle",
  "text",
  "mathrm",
  "mathbf",
  "mathit",
  "operatorname",
  "textrm",
  "mathbb",
]);
/** Double-struck capitals (\mathbb{R}). */
const DOUBLE_STRUCK: Readonly<Record<string, string>> = { R: "ℝ", N: "ℕ", Z: "ℤ", C: "ℂ" };

/** A group's text: one token as it is, more in brackets, so that "a/b" and "(a + b)/c" read right. */
function grouped(text: string): string {
  const t = text.trim();
  return /^[\p{L}\p{N}.]+$/u.test(t) || bracketedWhole(t) ? t : `(${t})`;
}

/** Whether one pair of brackets holds all of `t`: "(a + b)", not "(a)/(b)". */
function bracketedWhole(t: string): boolean {
  if (!t.startsWith("(") || !t.endsWith(")")) return false;
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    depth += t[i] === "(" ? 1 : t[i] === ")" ? -1 : 0;
    if (depth === 0 && i < t.length - 1) return false;
  }
  return true;
}

/** Reads `tex` from `at`, up to the end or the closing brace of the group it is in. */
function readUntilClose(tex: string, at: number): { text: string; end: number } {
  let out = "";
  let i = at;
  const argument = (): string => {
    while (tex[i] === " ") i++;
    if (tex[i] === "{") {
      const inner = readUntilClose(tex, i + 1);
      i = inner.end + 1;
      return inner.text;
    }
    if (tex[i] === "\\") {
      const name = /^\\([A-Za-z]+|.)/.exec(tex.slice(i))![1]!;
      i += name.length + 1;
      return SYMBOLS[name] ?? name;
    }
    return tex[i++] ?? "";
  };
  while (i < tex.length && tex[i] !== "}") {
    const ch = tex[i]!;
    if (ch === "\\") {
      const name = /^\\([A-Za-z]+|.)/.exec(tex.slice(i))?.[1] ?? "";
      i += name.length + 1;
      if (name === "frac" || name === "dfrac" || name === "tfrac") out += `${grouped(argument())}/${grouped(argument())}`;
      else if (name === "sqrt") out += `√${grouped(argument())}`;
      else if (name === "mathbb") {
        const letter = argument();
        out += DOUBLE_STRUCK[letter] ?? letter;
      } else if (name === "text" || name === "mathrm" || name === "operatorname" || name === "textrm") out += argument();
      else if (DROPPED.has(name)) continue;
      else if (name in SYMBOLS) out += SYMBOLS[name] === " " ? " " : ` ${SYMBOLS[name]} `.replace(/^ (?=[^\p{L}])| (?=[^\p{L}]$)/gu, "");
      // A thin space joins what it separates (100\,000 is one number): a narrow no-break space.
      else if (name === ",") out += "\u202f";
      else if (name === ";" || name === ":" || name === " ") out += " ";
      else if (name === "!") continue;
      else out += name;
    } else if (ch === "^" || ch === "_") {
      i++;
      const arg = argument();
      out += `${ch}${grouped(arg)}`;
    } else if (ch === "{") {
      const inner = readUntilClose(tex, i + 1);
      out += inner.text;
      i = inner.end + 1;
    } else {
      out += ch === "~" ? " " : ch;
      i++;
    }
  }
  return { text: out, end: i };
}

/** `tex` as plain text (see the module's comment). Domain: any string; unknown commands lose their backslash. */
export function readableTex(tex: string): string {
  return readUntilClose(tex, 0)
    .text.replace(/[ \t\r\n]+/g, " ")
    .replace(/([(⟨]) /g, "$1")
    .replace(/ ([)⟩])/g, "$1")
    .replace(/ ([_^])/g, "$1")
    .trim();
}
