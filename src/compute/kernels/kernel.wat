;; Kernels of the superposition simulation, in WebAssembly with 128-bit SIMD (f32x4).
;; Hand-written; `npm run build:wasm` (scripts/build-wasm.ts) assembles it with wabt into the base64 modules of
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
;; Part of kernel.wat (included there by scripts/wasm-assemble.ts): the Gaussian coordinates of
;; feature directions, for the readout engine that regenerates them instead of storing them.
  ;; ---- Gaussian coordinates of feature directions, from Philox4x32-10 (feature-directions.ts) ----
  ;;
  ;; The scheme (the TypeScript reference, feature-directions.ts, documents it in full): feature f's
  ;; coordinate k is Gaussian number q = (k >> 2) & 3 of Philox4x32-10 at counter
  ;; (4·(k >> 4) + (k & 3), f, c2, c3) with key (k0, k1), where Philox's four words (w0, w1, w2, w3)
  ;; give two Box–Muller pairs, (w0, w1) → Gaussians 0 and 1, (w2, w3) → 2 and 3. So 4 lanes of
  ;; counters 4J … 4J + 3 give the 16 coordinates 16J … 16J + 15 as four chunks of 4, in order.
  ;;
  ;; v128 constants live in immutable globals: V8 rebuilds a v128.const at every use inside a loop
  ;; (several instructions each), a global is one load.
  (global $PHILOX_M0 v128 (v128.const i32x4 0xd2511f53 0xd2511f53 0xd2511f53 0xd2511f53))
  (global $PHILOX_M1 v128 (v128.const i32x4 0xcd9e8d57 0xcd9e8d57 0xcd9e8d57 0xcd9e8d57))
  (global $LANES v128 (v128.const i32x4 0 1 2 3))
  (global $I4 v128 (v128.const i32x4 4 4 4 4))
  (global $I8 v128 (v128.const i32x4 8 8 8 8))
  (global $I1 v128 (v128.const i32x4 1 1 1 1))
  (global $I2 v128 (v128.const i32x4 2 2 2 2))
  (global $I126 v128 (v128.const i32x4 126 126 126 126))
  (global $MANTISSA v128 (v128.const i32x4 0x007fffff 0x007fffff 0x007fffff 0x007fffff))
  (global $HALF_BITS v128 (v128.const i32x4 0x3f000000 0x3f000000 0x3f000000 0x3f000000))
  (global $QUARTER_TURN v128 (v128.const i32x4 0x20000000 0x20000000 0x20000000 0x20000000))
  (global $RESIDUE v128 (v128.const i32x4 0x3fffffff 0x3fffffff 0x3fffffff 0x3fffffff))
  (global $F0 v128 (v128.const f32x4 0 0 0 0))
  (global $F1 v128 (v128.const f32x4 1 1 1 1))
  (global $F_HALF v128 (v128.const f32x4 0.5 0.5 0.5 0.5))
  (global $F_MINUS_HALF v128 (v128.const f32x4 -0.5 -0.5 -0.5 -0.5))
  (global $F_MINUS_TWO v128 (v128.const f32x4 -2 -2 -2 -2))
  (global $F_2_POW_MINUS_31 v128 (v128.const f32x4 0x1p-31 0x1p-31 0x1p-31 0x1p-31))
  ;; 2π / 2^32, rounded to float32
  (global $F_ANGLE v128 (v128.const f32x4 1.46291807926715968e-9 1.46291807926715968e-9 1.46291807926715968e-9 1.46291807926715968e-9))
  ;; Cephes logf
  (global $SQRT_HALF v128 (v128.const f32x4 0.707106781186547524 0.707106781186547524 0.707106781186547524 0.707106781186547524))
  (global $LOG_P0 v128 (v128.const f32x4 7.0376836292E-2 7.0376836292E-2 7.0376836292E-2 7.0376836292E-2))
  (global $LOG_P1 v128 (v128.const f32x4 -1.1514610310E-1 -1.1514610310E-1 -1.1514610310E-1 -1.1514610310E-1))
  (global $LOG_P2 v128 (v128.const f32x4 1.1676998740E-1 1.1676998740E-1 1.1676998740E-1 1.1676998740E-1))
  (global $LOG_P3 v128 (v128.const f32x4 -1.2420140846E-1 -1.2420140846E-1 -1.2420140846E-1 -1.2420140846E-1))
  (global $LOG_P4 v128 (v128.const f32x4 1.4249322787E-1 1.4249322787E-1 1.4249322787E-1 1.4249322787E-1))
  (global $LOG_P5 v128 (v128.const f32x4 -1.6668057665E-1 -1.6668057665E-1 -1.6668057665E-1 -1.6668057665E-1))
  (global $LOG_P6 v128 (v128.const f32x4 2.0000714765E-1 2.0000714765E-1 2.0000714765E-1 2.0000714765E-1))
  (global $LOG_P7 v128 (v128.const f32x4 -2.4999993993E-1 -2.4999993993E-1 -2.4999993993E-1 -2.4999993993E-1))
  (global $LOG_P8 v128 (v128.const f32x4 3.3333331174E-1 3.3333331174E-1 3.3333331174E-1 3.3333331174E-1))
  (global $LN2_LO v128 (v128.const f32x4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4))
  (global $LN2_HI v128 (v128.const f32x4 0.693359375 0.693359375 0.693359375 0.693359375))
  ;; Cephes sinf and cosf on [−π/4, π/4]
  (global $SIN_P0 v128 (v128.const f32x4 -1.9515295891E-4 -1.9515295891E-4 -1.9515295891E-4 -1.9515295891E-4))
  (global $SIN_P1 v128 (v128.const f32x4 8.3321608736E-3 8.3321608736E-3 8.3321608736E-3 8.3321608736E-3))
  (global $SIN_P2 v128 (v128.const f32x4 -1.6666654611E-1 -1.6666654611E-1 -1.6666654611E-1 -1.6666654611E-1))
  (global $COS_P0 v128 (v128.const f32x4 2.443315711809948E-5 2.443315711809948E-5 2.443315711809948E-5 2.443315711809948E-5))
  (global $COS_P1 v128 (v128.const f32x4 -1.388731625493765E-3 -1.388731625493765E-3 -1.388731625493765E-3 -1.388731625493765E-3))
  (global $COS_P2 v128 (v128.const f32x4 4.166664568298827E-2 4.166664568298827E-2 4.166664568298827E-2 4.166664568298827E-2))

  ;; ln u, lane-wise, for normal floats 0 < u ≤ 1: Cephes logf, operation for operation as
  ;; lnFloat32 in feature-directions.ts. u = 2^e·m with m in [√½, √2); x = m − 1;
  ;; ln u = x − x²/2 + x³·P(x) + e·ln 2 (ln 2 split into a high and a low part).
  (func $ln (param $u v128) (result v128)
    (local $e v128) (local $m v128) (local $small v128) (local $x v128) (local $z v128) (local $y v128) (local $fe v128)
    (local.set $e (i32x4.sub (i32x4.shr_u (local.get $u) (i32.const 23)) (global.get $I126)))
    (local.set $m (v128.or (v128.and (local.get $u) (global.get $MANTISSA)) (global.get $HALF_BITS)))
    ;; m in [½, 1); below √½ it is doubled (and e lowered by one: adding the all-ones mask is −1)
    (local.set $small (f32x4.lt (local.get $m) (global.get $SQRT_HALF)))
    (local.set $e (i32x4.add (local.get $e) (local.get $small)))
    (local.set $x (v128.bitselect
      (f32x4.sub (f32x4.add (local.get $m) (local.get $m)) (global.get $F1))
      (f32x4.sub (local.get $m) (global.get $F1))
      (local.get $small)))
    (local.set $z (f32x4.mul (local.get $x) (local.get $x)))
    (local.set $y (f32x4.add (f32x4.mul (global.get $LOG_P0) (local.get $x)) (global.get $LOG_P1)))
    (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $x)) (global.get $LOG_P2)))
    (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $x)) (global.get $LOG_P3)))
    (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $x)) (global.get $LOG_P4)))
    (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $x)) (global.get $LOG_P5)))
    (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $x)) (global.get $LOG_P6)))
    (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $x)) (global.get $LOG_P7)))
    (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $x)) (global.get $LOG_P8)))
    (local.set $y (f32x4.mul (f32x4.mul (local.get $y) (local.get $x)) (local.get $z)))
    (local.set $fe (f32x4.convert_i32x4_s (local.get $e)))
    (local.set $y (f32x4.add (local.get $y) (f32x4.mul (global.get $LN2_LO) (local.get $fe))))
    (local.set $y (f32x4.add (local.get $y) (f32x4.mul (global.get $F_MINUS_HALF) (local.get $z))))
    (local.set $x (f32x4.add (local.get $x) (local.get $y)))
    (f32x4.add (local.get $x) (f32x4.mul (global.get $LN2_HI) (local.get $fe))))

  ;; Box–Muller, lane-wise: radius word $a and angle word $b (uint32) → (R cos θ, R sin θ), as
  ;; boxMuller in feature-directions.ts:
  ;;   u = (float32(a >>> 1) + 1)·2^-31 in [2^-31, 1],  R = √max(0, −2 ln u)
  ;;   θ = 2π·b/2^32 = q·π/2 + x with q = ((b + 2^29) >>> 30) the nearest quarter turn and
  ;;   x = ((b + 2^29) mod 2^30 − 2^29)·2π/2^32 in [−π/4, π/4), reduced exactly in integers.
  (func $box_muller (param $a v128) (param $b v128) (result v128 v128)
    (local $r v128) (local $t v128) (local $q v128) (local $x v128) (local $z v128) (local $s v128) (local $c v128) (local $swap v128)
    (local.set $r (f32x4.mul
      (f32x4.add (f32x4.convert_i32x4_s (i32x4.shr_u (local.get $a) (i32.const 1))) (global.get $F1))
      (global.get $F_2_POW_MINUS_31)))
    (local.set $r (f32x4.sqrt (f32x4.pmax (global.get $F0) (f32x4.mul (global.get $F_MINUS_TWO) (call $ln (local.get $r))))))
    (local.set $t (i32x4.add (local.get $b) (global.get $QUARTER_TURN)))
    (local.set $q (i32x4.shr_u (local.get $t) (i32.const 30)))
    (local.set $x (f32x4.mul
      (f32x4.convert_i32x4_s (i32x4.sub (v128.and (local.get $t) (global.get $RESIDUE)) (global.get $QUARTER_TURN)))
      (global.get $F_ANGLE)))
    (local.set $z (f32x4.mul (local.get $x) (local.get $x)))
    ;; sin x = x + x³·(P0 z² + P1 z + P2), z = x²
    (local.set $s (f32x4.add (f32x4.mul (global.get $SIN_P0) (local.get $z)) (global.get $SIN_P1)))
    (local.set $s (f32x4.add (f32x4.mul (local.get $s) (local.get $z)) (global.get $SIN_P2)))
    (local.set $s (f32x4.add (f32x4.mul (f32x4.mul (local.get $s) (local.get $z)) (local.get $x)) (local.get $x)))
    ;; cos x = 1 − z/2 + z²·(P0 z² + P1 z + P2)
    (local.set $c (f32x4.add (f32x4.mul (global.get $COS_P0) (local.get $z)) (global.get $COS_P1)))
    (local.set $c (f32x4.add (f32x4.mul (local.get $c) (local.get $z)) (global.get $COS_P2)))
    (local.set $c (f32x4.mul (f32x4.mul (local.get $c) (local.get $z)) (local.get $z)))
    (local.set $c (f32x4.add (f32x4.sub (local.get $c) (f32x4.mul (global.get $F_HALF) (local.get $z))) (global.get $F1)))
    ;; the quarter turn: odd q swaps sine and cosine; the cosine is negative for q = 1, 2 and the
    ;; sine for q = 2, 3 (a sign bit xored in)
    (local.set $swap (i32x4.eq (v128.and (local.get $q) (global.get $I1)) (global.get $I1)))
    (local.set $t (v128.bitselect (local.get $s) (local.get $c) (local.get $swap)))
    (local.set $s (v128.bitselect (local.get $c) (local.get $s) (local.get $swap)))
    (local.set $c (v128.xor (local.get $t)
      (i32x4.shl (v128.and (i32x4.add (local.get $q) (global.get $I1)) (global.get $I2)) (i32.const 30))))
    (local.set $s (v128.xor (local.get $s) (i32x4.shl (v128.and (local.get $q) (global.get $I2)) (i32.const 30))))
    (f32x4.mul (local.get $r) (local.get $c))
    (f32x4.mul (local.get $r) (local.get $s)))

  ;; gaussians: the Gaussian coordinates of features $f0 … $f0 + $rows − 1 (before normalising) as
  ;; rows $row0 … $row0 + $rows − 1 of a quad-packed block at $out (quads $quadBytes apart), and the
  ;; float64 sum of squares of each row at $norms + 8·row.
  ;;   $n          columns; the block has chunks = $quadBytes/64 ≥ n/4 chunks, a multiple of 8
  ;;               (32 columns): every column from n on is written as +0
  ;;   $k0 $k1     the Philox key (the seed's low and high words)
  ;;   $c2 $c3     counter words 2 and 3 (the stream, and the attempt: see feature-directions.ts)
  ;; Philox runs on two groups of 4 counters at once (x and y): its rounds are a chain of
  ;; dependent multiplies, and two independent chains keep the processor busy.
  ;; Sums of squares: lane i adds the squares of coordinates k ≡ i (mod 4) in increasing k, in
  ;; float64 (the products of float32 numbers are exact), lanes 0, 1 in $s01 and 2, 3 in $s23; the
  ;; row's sum is (s0 + s1) + (s2 + s3): the order of sumOfSquares in feature-directions.ts.
  (func (export "gaussians") (param $out i32) (param $quadBytes i32) (param $n i32) (param $f0 i32) (param $row0 i32) (param $rows i32)
        (param $k0 i32) (param $k1 i32) (param $c2 i32) (param $c3 i32) (param $norms i32)
    (local $r i32) (local $at i32) (local $left i32) (local $round i32) (local $ka i32) (local $kb i32)
    (local $ctr v128) (local $col v128) (local $nv v128) (local $key0 v128) (local $key1 v128)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128) (local $y0 v128) (local $y1 v128) (local $y2 v128) (local $y3 v128)
    (local $hi0 v128) (local $hi1 v128) (local $lo0 v128) (local $g0 v128) (local $g1 v128) (local $z v128) (local $s01 v128) (local $s23 v128)
    (local.set $nv (i32x4.splat (local.get $n)))
    (local.set $r (local.get $row0))
    (local.set $rows (i32.add (local.get $row0) (local.get $rows)))
    (local.set $f0 (i32.sub (local.get $f0) (local.get $row0)))
    (loop $rowLoop
      (local.set $at (i32.add (local.get $out)
        (i32.add (i32.mul (i32.shr_u (local.get $r) (i32.const 2)) (local.get $quadBytes))
                 (i32.shl (i32.and (local.get $r) (i32.const 3)) (i32.const 4)))))
      (local.set $ctr (global.get $LANES))
      (local.set $col (global.get $LANES))
      (local.set $s01 (v128.const i64x2 0 0))
      (local.set $s23 (v128.const i64x2 0 0))
      ;; two groups of 16 columns per turn: chunks / 8 turns
      (local.set $left (i32.shr_u (local.get $quadBytes) (i32.const 9)))
      (loop $groups
        ;; Philox4x32-10 of counters (ctr, f0 + r, c2, c3) in x and (ctr + 4, f0 + r, c2, c3) in y
        (local.set $x0 (local.get $ctr))
        (local.set $y0 (i32x4.add (local.get $ctr) (global.get $I4)))
        (local.set $x1 (i32x4.splat (i32.add (local.get $f0) (local.get $r))))
        (local.set $y1 (local.get $x1))
        (local.set $x2 (i32x4.splat (local.get $c2)))
        (local.set $y2 (local.get $x2))
        (local.set $x3 (i32x4.splat (local.get $c3)))
        (local.set $y3 (local.get $x3))
        (local.set $ka (local.get $k0))
        (local.set $kb (local.get $k1))
        (local.set $round (i32.const 10))
        (loop $rounds
          (local.set $key0 (i32x4.splat (local.get $ka)))
          (local.set $key1 (i32x4.splat (local.get $kb)))
          ;; (hi, lo) of M0·x0 and M1·x2: 64-bit products from extmul, two lanes at a time, whose
          ;; high halves the shuffle gathers; then x ← (hi1 ⊕ x1 ⊕ k0, lo1, hi0 ⊕ x3 ⊕ k1, lo0)
          (local.set $hi0 (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31
            (i64x2.extmul_low_i32x4_u (local.get $x0) (global.get $PHILOX_M0))
            (i64x2.extmul_high_i32x4_u (local.get $x0) (global.get $PHILOX_M0))))
          (local.set $hi1 (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31
            (i64x2.extmul_low_i32x4_u (local.get $x2) (global.get $PHILOX_M1))
            (i64x2.extmul_high_i32x4_u (local.get $x2) (global.get $PHILOX_M1))))
          (local.set $lo0 (i32x4.mul (local.get $x0) (global.get $PHILOX_M0)))
          (local.set $x0 (v128.xor (v128.xor (local.get $hi1) (local.get $x1)) (local.get $key0)))
          (local.set $x1 (i32x4.mul (local.get $x2) (global.get $PHILOX_M1)))
          (local.set $x2 (v128.xor (v128.xor (local.get $hi0) (local.get $x3)) (local.get $key1)))
          (local.set $x3 (local.get $lo0))
          (local.set $hi0 (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31
            (i64x2.extmul_low_i32x4_u (local.get $y0) (global.get $PHILOX_M0))
            (i64x2.extmul_high_i32x4_u (local.get $y0) (global.get $PHILOX_M0))))
          (local.set $hi1 (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31
            (i64x2.extmul_low_i32x4_u (local.get $y2) (global.get $PHILOX_M1))
            (i64x2.extmul_high_i32x4_u (local.get $y2) (global.get $PHILOX_M1))))
          (local.set $lo0 (i32x4.mul (local.get $y0) (global.get $PHILOX_M0)))
          (local.set $y0 (v128.xor (v128.xor (local.get $hi1) (local.get $y1)) (local.get $key0)))
          (local.set $y1 (i32x4.mul (local.get $y2) (global.get $PHILOX_M1)))
          (local.set $y2 (v128.xor (v128.xor (local.get $hi0) (local.get $y3)) (local.get $key1)))
          (local.set $y3 (local.get $lo0))
          ;; the Weyl key schedule
          (local.set $ka (i32.add (local.get $ka) (i32.const 0x9e3779b9)))
          (local.set $kb (i32.add (local.get $kb) (i32.const 0xbb67ae85)))
          (br_if $rounds (local.tee $round (i32.sub (local.get $round) (i32.const 1)))))
        ;; Box–Muller on (w0, w1) and (w2, w3); chunk q of a group holds Gaussian q of its 4 counters
        (call $box_muller (local.get $x0) (local.get $x1))
        (local.set $g1) (local.set $g0)
        (local.set $z (v128.and (local.get $g0) (i32x4.lt_s (local.get $col) (local.get $nv))))
        (v128.store offset=0 (local.get $at) (local.get $z))
        (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (f64x2.promote_low_f32x4 (local.get $z)) (f64x2.promote_low_f32x4 (local.get $z)))))
        (local.set $z (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $z) (local.get $z)))
        (local.set $s23 (f64x2.add (local.get $s23) (f64x2.mul (f64x2.promote_low_f32x4 (local.get $z)) (f64x2.promote_low_f32x4 (local.get $z)))))
        (local.set $col (i32x4.add (local.get $col) (global.get $I4)))
        (local.set $z (v128.and (local.get $g1) (i32x4.lt_s (local.get $col) (local.get $nv))))
        (v128.store offset=64 (local.get $at) (local.get $z))
        (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (f64x2.promote_low_f32x4 (local.get $z)) (f64x2.promote_low_f32x4 (local.get $z)))))
        (local.set $z (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $z) (local.get $z)))
        (local.set $s23 (f64x2.add (local.get $s23) (f64x2.mul (f64x2.promote_low_f32x4 (local.get $z)) (f64x2.promote_low_f32x4 (local.get $z)))))
        (local.set $col (i32x4.add (local.get $col) (global.get $I4)))
        (call $box_muller (local.get $x2) (local.get $x3))
        (local.set $g1) (local.set $g0)
        (local.set $z (v128.and (local.get $g0) (i32x4.lt_s (local.get $col) (local.get $nv))))
        (v128.store offset=128 (local.get $at) (local.get $z))
        (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (f64x2.promote_low_f32x4 (local.get $z)) (f64x2.promote_low_f32x4 (local.get $z)))))
        (local.set $z (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $z) (local.get $z)))
        (local.set $s23 (f64x2.add (local.get $s23) (f64x2.mul (f64x2.promote_low_f32x4 (local.get $z)) (f64x2.promote_low_f32x4 (local.get $z)))))
        (local.set $col (i32x4.add (local.get $col) (global.get $I4)))
        (local.set $z (v128.and (local.get $g1) (i32x4.lt_s (local.get $col) (local.get $nv))))
        (v128.store offset=192 (local.get $at) (local.get $z))
        (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (f64x2.promote_low_f32x4 (local.get $z)) (f64x2.promote_low_f32x4 (local.get $z)))))
        (local.set $z (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $z) (local.get $z)))
        (local.set $s23 (f64x2.add (local.get $s23) (f64x2.mul (f64x2.promote_low_f32x4 (local.get $z)) (f64x2.promote_low_f32x4 (local.get $z)))))
        (local.set $col (i32x4.add (local.get $col) (global.get $I4)))
        (call $box_muller (local.get $y0) (local.get $y1))
        (local.set $g1) (local.set $g0)
        (local.set $z (v128.and (local.get $g0) (i32x4.lt_s (local.get $col) (local.get $nv))))
        (v128.store offset=256 (local.get $at) (local.get $z))
        (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (f64x2.promote_low_f32x4 (local.get $z)) (f64x2.promote_low_f32x4 (local.get $z)))))
        (local.set $z (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $z) (local.get $z)))
        (local.set $s23 (f64x2.add (local.get $s23) (f64x2.mul (f64x2.promote_low_f32x4 (local.get $z)) (f64x2.promote_low_f32x4 (local.get $z)))))
        (local.set $col (i32x4.add (local.get $col) (global.get $I4)))
        (local.set $z (v128.and (local.get $g1) (i32x4.lt_s (local.get $col) (local.get $nv))))
        (v128.store offset=320 (local.get $at) (local.get $z))
        (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (f64x2.promote_low_f32x4 (local.get $z)) (f64x2.promote_low_f32x4 (local.get $z)))))
        (local.set $z (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $z) (local.get $z)))
        (local.set $s23 (f64x2.add (local.get $s23) (f64x2.mul (f64x2.promote_low_f32x4 (local.get $z)) (f64x2.promote_low_f32x4 (local.get $z)))))
        (local.set $col (i32x4.add (local.get $col) (global.get $I4)))
        (call $box_muller (local.get $y2) (local.get $y3))
        (local.set $g1) (local.set $g0)
        (local.set $z (v128.and (local.get $g0) (i32x4.lt_s (local.get $col) (local.get $nv))))
        (v128.store offset=384 (local.get $at) (local.get $z))
        (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (f64x2.promote_low_f32x4 (local.get $z)) (f64x2.promote_low_f32x4 (local.get $z)))))
        (local.set $z (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $z) (local.get $z)))
        (local.set $s23 (f64x2.add (local.get $s23) (f64x2.mul (f64x2.promote_low_f32x4 (local.get $z)) (f64x2.promote_low_f32x4 (local.get $z)))))
        (local.set $col (i32x4.add (local.get $col) (global.get $I4)))
        (local.set $z (v128.and (local.get $g1) (i32x4.lt_s (local.get $col) (local.get $nv))))
        (v128.store offset=448 (local.get $at) (local.get $z))
        (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (f64x2.promote_low_f32x4 (local.get $z)) (f64x2.promote_low_f32x4 (local.get $z)))))
        (local.set $z (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $z) (local.get $z)))
        (local.set $s23 (f64x2.add (local.get $s23) (f64x2.mul (f64x2.promote_low_f32x4 (local.get $z)) (f64x2.promote_low_f32x4 (local.get $z)))))
        (local.set $col (i32x4.add (local.get $col) (global.get $I4)))
        (local.set $at (i32.add (local.get $at) (i32.const 512)))
        (local.set $ctr (i32x4.add (local.get $ctr) (global.get $I8)))
        (br_if $groups (local.tee $left (i32.sub (local.get $left) (i32.const 1)))))
      (f64.store (i32.add (local.get $norms) (i32.shl (local.get $r) (i32.const 3)))
        (f64.add
          (f64.add (f64x2.extract_lane 0 (local.get $s01)) (f64x2.extract_lane 1 (local.get $s01)))
          (f64.add (f64x2.extract_lane 0 (local.get $s23)) (f64x2.extract_lane 1 (local.get $s23)))))
      (br_if $rowLoop (i32.lt_u (local.tee $r (i32.add (local.get $r) (i32.const 1))) (local.get $rows)))))

  ;; add_direction: dst row += float32(src row · scale), column by column, for $chunks chunks: a unit
  ;; direction (Gaussians times 1/|g|, rounded to float32, as addDirection in feature-directions.ts)
  ;; added into an input. $dst and $src are rows of quad-packed matrices (their quad + 16·(row & 3)),
  ;; chunks 64 bytes apart. Each product is formed in float64 and rounded once to float32.
  (func (export "add_direction") (param $dst i32) (param $src i32) (param $chunks i32) (param $scale f64)
    (local $s v128) (local $v v128)
    (local.set $s (f64x2.splat (local.get $scale)))
    (loop $chunk
      (local.set $v (v128.load (local.get $src)))
      (v128.store (local.get $dst)
        (f32x4.add (v128.load (local.get $dst))
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
            (f32x4.demote_f64x2_zero (f64x2.mul (f64x2.promote_low_f32x4 (local.get $v)) (local.get $s)))
            (f32x4.demote_f64x2_zero (f64x2.mul
              (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))
              (local.get $s))))))
      (local.set $dst (i32.add (local.get $dst) (i32.const 64)))
      (local.set $src (i32.add (local.get $src) (i32.const 64)))
      (br_if $chunk (local.tee $chunks (i32.sub (local.get $chunks) (i32.const 1))))))
)
