;; Kernels of the superposition simulation, in WebAssembly with 128-bit SIMD (f32x4).
;; Hand-written, in parts (the `;; #include` line is expanded by scripts/wasm-assemble.ts);
;; `npm run build:wasm` (scripts/build-wasm.ts) assembles it with wabt into the base64 modules of
;; src/compute/kernels/kernel-wasm.ts, and a unit test checks they agree.
;;
;; Two builds of this one text:
;;   standard  f32x4.mul then f32x4.add in the dot products, each rounded as IEEE single precision,
;;             so every platform gives bit-identical results;
;;   relaxed   every accumulation of the form (f32x4.add (local.get $cXY) (f32x4.mul A B)) in
;;             the dot products becomes (f32x4.relaxed_madd A B (local.get $cXY)): one fused
;;             multiply-add where the processor has one (one rounding instead of two), a multiply
;;             and an add where it has not. Deterministic on one machine; the last bits may differ
;;             between machines. Chosen where the engine validates relaxed SIMD (kernel-wasm-host.ts).
;; The Gaussians (gaussians, below) never use relaxed instructions: they are bit-identical to the
;; TypeScript reference in feature-directions.ts in both builds.
;;
;; Layout: "quad-packed" matrices. A matrix of R rows × n columns, with R padded with zero rows to a
;; multiple of 4 and n padded with zero columns to a multiple of 4 (`chunks` = n/4 after padding),
;; is stored as R/4 quads of quadBytes = 64·chunks bytes. Quad q holds rows 4q … 4q+3 interleaved in
;; chunks of 4 columns: chunk c of quad q is 64 bytes, 16 for each of its 4 rows. So the float
;; (row r, column k) is at byte
;;     base + (r >> 2)·quadBytes + (k >> 2)·64 + (r & 3)·16 + (k & 3)·4.
;; Interleaving lets the inner loop reach all 4 rows of a quad (and 2 rows of another) through one
;; pointer with constant offsets, and walk both matrices with one add each per chunk.
;; All addresses are byte offsets into the exported memory; all counts are in units named.
(module
  (memory (export "memory") 1 65536)

  ;; Stores (or, if $acc ≠ 0, adds to what is there) the sum of the 4 lanes of $v at $addr.
  ;; Lanes are summed as (l0 + l1) + (l2 + l3).
  (func $put (param $addr i32) (param $v v128) (param $acc i32)
    (local $sum f32)
    (local.set $sum
      (f32.add
        (f32.add (f32x4.extract_lane 0 (local.get $v)) (f32x4.extract_lane 1 (local.get $v)))
        (f32.add (f32x4.extract_lane 2 (local.get $v)) (f32x4.extract_lane 3 (local.get $v)))))
    (if (local.get $acc)
      (then (local.set $sum (f32.add (f32.load (local.get $addr)) (local.get $sum)))))
    (f32.store (local.get $addr) (local.get $sum)))

  ;; The 4×2 micro-tile: the 8 dot products of the 4 rows of one quad (at $pa, offsets 0, 16, 32,
  ;; 48) with 2 rows of another (at $pb, offsets 0 and 16), over $chunks ≥ 1 chunks of 4 columns.
  ;; Each of the 8 accumulators holds 4 partial sums (columns ≡ 0, 1, 2, 3 mod 4), added up at the
  ;; end by $put. Result (r, s) goes to $c + r·$ldcBytes + 4·s.
  ;; 8 accumulators + 2 B rows + 1 A row = 11 vector registers: no spills on x64's 16.
  (func $tile4x2 (param $pa i32) (param $pb i32) (param $chunks i32)
                 (param $c i32) (param $ldcBytes i32) (param $acc i32)
    (local $a v128) (local $b0 v128) (local $b1 v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (loop $k
      (local.set $b0 (v128.load offset=0 (local.get $pb)))
      (local.set $b1 (v128.load offset=16 (local.get $pb)))
      (local.set $a (v128.load offset=0 (local.get $pa)))
      (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $a) (local.get $b0))))
      (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $a) (local.get $b1))))
      (local.set $a (v128.load offset=16 (local.get $pa)))
      (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $a) (local.get $b0))))
      (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $a) (local.get $b1))))
      (local.set $a (v128.load offset=32 (local.get $pa)))
      (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $a) (local.get $b0))))
      (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $a) (local.get $b1))))
      (local.set $a (v128.load offset=48 (local.get $pa)))
      (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $a) (local.get $b0))))
      (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $a) (local.get $b1))))
      (local.set $pa (i32.add (local.get $pa) (i32.const 64)))
      (local.set $pb (i32.add (local.get $pb) (i32.const 64)))
      (br_if $k (local.tee $chunks (i32.sub (local.get $chunks) (i32.const 1)))))
    (call $put (local.get $c) (local.get $c00) (local.get $acc))
    (call $put (i32.add (local.get $c) (i32.const 4)) (local.get $c01) (local.get $acc))
    (local.set $c (i32.add (local.get $c) (local.get $ldcBytes)))
    (call $put (local.get $c) (local.get $c10) (local.get $acc))
    (call $put (i32.add (local.get $c) (i32.const 4)) (local.get $c11) (local.get $acc))
    (local.set $c (i32.add (local.get $c) (local.get $ldcBytes)))
    (call $put (local.get $c) (local.get $c20) (local.get $acc))
    (call $put (i32.add (local.get $c) (i32.const 4)) (local.get $c21) (local.get $acc))
    (local.set $c (i32.add (local.get $c) (local.get $ldcBytes)))
    (call $put (local.get $c) (local.get $c30) (local.get $acc))
    (call $put (i32.add (local.get $c) (i32.const 4)) (local.get $c31) (local.get $acc)))

  ;; dots: a tile of dot products between rows of two quad-packed matrices A and B (which may be
  ;; the same), over the columns of chunks k0 … k0 + $chunks − 1.
  ;;   $pa      byte address of A's first quad of the tile, already advanced to chunk k0
  ;;   $pb      byte address of B's quad 0, already advanced to chunk k0
  ;;   $quads   number of A quads (tile rows / 4), ≥ 1
  ;;   $pair0   first row pair of B (rows 2·$pair0, 2·$pair0 + 1)
  ;;   $pairs   number of B row pairs (tile columns / 2), ≥ 1
  ;;   $quadBytes  bytes per quad (the same for A and B: both have n columns)
  ;;   $chunks  chunks of 4 columns to sum over, ≥ 1
  ;;   $c, $ldc result tile: C[i][j] at $c + 4·(i·$ldc + j), i < 4·$quads, j < 2·$pairs
  ;;   $acc     0: C = A·Bᵀ; otherwise C += A·Bᵀ (to sum over several column ranges)
  ;;   $upper   0: every entry; otherwise only the micro-tiles of quad q with pairs from 2q on
  ;;            (the upper triangle of a diagonal tile of a Gram matrix, rounded out to whole
  ;;            micro-tiles; needs $pairs ≥ 2·$quads): the entries left out are not written
  (func (export "dots") (param $pa i32) (param $pb i32) (param $quads i32) (param $pair0 i32)
                        (param $pairs i32) (param $quadBytes i32) (param $chunks i32)
                        (param $c i32) (param $ldc i32) (param $acc i32) (param $upper i32)
    (local $q i32) (local $p i32) (local $pair i32) (local $ldcBytes i32) (local $crow i32)
    (local.set $ldcBytes (i32.shl (local.get $ldc) (i32.const 2)))
    (local.set $crow (local.get $c))
    (loop $rows
      ;; the first pair of quad q's row of micro-tiles: 0, or 2q (its own rows) in the upper triangle
      (local.set $p (select (i32.shl (local.get $q) (i32.const 1)) (i32.const 0) (local.get $upper)))
      (loop $cols
        (local.set $pair (i32.add (local.get $pair0) (local.get $p)))
        (call $tile4x2
          (local.get $pa)
          (i32.add (local.get $pb)
            (i32.add (i32.mul (i32.shr_u (local.get $pair) (i32.const 1)) (local.get $quadBytes))
                     (i32.shl (i32.and (local.get $pair) (i32.const 1)) (i32.const 5))))
          (local.get $chunks)
          (i32.add (local.get $crow) (i32.shl (local.get $p) (i32.const 3)))
          (local.get $ldcBytes)
          (local.get $acc))
        (br_if $cols (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 1))) (local.get $pairs))))
      (local.set $pa (i32.add (local.get $pa) (local.get $quadBytes)))
      (local.set $crow (i32.add (local.get $crow) (i32.shl (local.get $ldcBytes) (i32.const 2))))
      (br_if $rows (i32.lt_u (local.tee $q (i32.add (local.get $q) (i32.const 1))) (local.get $quads)))))

  ;; add_rows: dst row += Σ source rows, for a list of row indices of a quad-packed source.
  ;;   $dst      byte address of the destination row (its quad + (row & 3)·16), in a quad-packed
  ;;             matrix with the same $quadBytes
  ;;   $src      byte address of the source matrix's quad 0
  ;;   $idx      byte address of $count row indices (i32)
  ;;   $chunks   chunks of 4 columns per row, ≥ 1
  ;; Each row is added in full before the next, in the order listed (deterministic rounding).
  (func (export "add_rows") (param $dst i32) (param $src i32) (param $quadBytes i32)
                            (param $idx i32) (param $count i32) (param $chunks i32)
    (local $row i32) (local $d i32) (local $k i32) (local $f i32)
    (if (i32.eqz (local.get $count)) (then (return)))
    (loop $each
      (local.set $f (i32.load (local.get $idx)))
      (local.set $row
        (i32.add (local.get $src)
          (i32.add (i32.mul (i32.shr_u (local.get $f) (i32.const 2)) (local.get $quadBytes))
                   (i32.shl (i32.and (local.get $f) (i32.const 3)) (i32.const 4)))))
      (local.set $d (local.get $dst))
      (local.set $k (local.get $chunks))
      (loop $chunk
        (v128.store (local.get $d) (f32x4.add (v128.load (local.get $d)) (v128.load (local.get $row))))
        (local.set $d (i32.add (local.get $d) (i32.const 64)))
        (local.set $row (i32.add (local.get $row) (i32.const 64)))
        (br_if $chunk (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
      (local.set $idx (i32.add (local.get $idx) (i32.const 4)))
      (br_if $each (local.tee $count (i32.sub (local.get $count) (i32.const 1))))))

  ;; #include "kernel-gaussians.wat"
)
