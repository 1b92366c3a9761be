;; The toy model's training step in WebAssembly with 128-bit SIMD (f64x2). Hand-written;
;; `npm run build:wasm` (scripts/build-wasm.ts) assembles it with wabt into the base64 module
;; src/features/toy-model/engine/toy-kernel-wasm.ts, and a unit test checks the two agree.
;;
;; Each function does exactly the float64 operations of its JavaScript twin in step.ts, in the same
;; order: additions and multiplications are separate IEEE roundings (no fused multiply-add: only
;; standard, not relaxed, SIMD), vector lanes are independent elements (never a reordered sum), and
;; f64x2.sqrt and f64x2.div are correctly rounded like Math.sqrt and `/`. So the two kernels give
;; bit-identical weights, and a run is reproducible whichever kernel the engine picks.
;;
;; Layout (byte addresses in the exported memory, set once by `configure`; see step.ts):
;;   w      m·n f64, feature i's vector Wᵢ at w + 8·i·n          b, imp, y, x, gB, gDense  m f64
;;   gram   m·m f64 WᵀW, row-major                              a      m·m f64, A = Σ x gᵀ
;;   gW     m·n f64, like w                                     h      n f64
;;   gIdx   m i32 and gVal m f64: the nonzero entries of one sample's g
;;   start  (B + 1) i32, index (B·m) i32, value (B·m) f64: the sparse batch (compressed rows)
;;   rows   m i32 and xs m v128 (16-byte aligned): scratch of one sample's forward pass
;; Each function copies the addresses it uses into locals ($G…) first: a global is a load from the
;; instance on every use, a local a register.
(module
  (memory (export "memory") 1 65536)
  (global $n (mut i32) (i32.const 0))
  (global $m (mut i32) (i32.const 0))
  (global $w (mut i32) (i32.const 0))
  (global $b (mut i32) (i32.const 0))
  (global $imp (mut i32) (i32.const 0))
  (global $gram (mut i32) (i32.const 0))
  (global $a (mut i32) (i32.const 0))
  (global $gW (mut i32) (i32.const 0))
  (global $gB (mut i32) (i32.const 0))
  (global $y (mut i32) (i32.const 0))
  (global $h (mut i32) (i32.const 0))
  (global $x (mut i32) (i32.const 0))
  (global $gIdx (mut i32) (i32.const 0))
  (global $gVal (mut i32) (i32.const 0))
  (global $gDense (mut i32) (i32.const 0))
  (global $start (mut i32) (i32.const 0))
  (global $index (mut i32) (i32.const 0))
  (global $value (mut i32) (i32.const 0))
  (global $rows (mut i32) (i32.const 0))
  (global $xs (mut i32) (i32.const 0))

  (func (export "configure")
    (param $n i32) (param $m i32) (param $w i32) (param $b i32) (param $imp i32) (param $gram i32)
    (param $a i32) (param $gW i32) (param $gB i32) (param $y i32) (param $h i32) (param $x i32)
    (param $gIdx i32) (param $gVal i32) (param $gDense i32) (param $start i32) (param $index i32)
    (param $value i32) (param $rows i32) (param $xs i32)
    (global.set $rows (local.get $rows)) (global.set $xs (local.get $xs))
    (global.set $n (local.get $n)) (global.set $m (local.get $m)) (global.set $w (local.get $w))
    (global.set $b (local.get $b)) (global.set $imp (local.get $imp)) (global.set $gram (local.get $gram))
    (global.set $a (local.get $a)) (global.set $gW (local.get $gW)) (global.set $gB (local.get $gB))
    (global.set $y (local.get $y)) (global.set $h (local.get $h)) (global.set $x (local.get $x))
    (global.set $gIdx (local.get $gIdx)) (global.set $gVal (local.get $gVal))
    (global.set $gDense (local.get $gDense)) (global.set $start (local.get $start))
    (global.set $index (local.get $index)) (global.set $value (local.get $value)))

  ;; dst[k] = dst[k] + alpha·src[k] for k < count (f64 arrays at byte addresses): pairs of lanes,
  ;; then one scalar for an odd count.
  (func $axpy (param $dst i32) (param $src i32) (param $alpha f64) (param $count i32)
    (local $av v128) (local $end i32)
    (local.set $av (f64x2.splat (local.get $alpha)))
    (local.set $end (i32.add (local.get $dst) (i32.shl (i32.and (local.get $count) (i32.const -2)) (i32.const 3))))
    (block $done
      (loop $pairs
        (br_if $done (i32.ge_u (local.get $dst) (local.get $end)))
        (v128.store (local.get $dst)
          (f64x2.add (v128.load (local.get $dst)) (f64x2.mul (local.get $av) (v128.load (local.get $src)))))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (local.set $src (i32.add (local.get $src) (i32.const 16)))
        (br $pairs)))
    (if (i32.and (local.get $count) (i32.const 1))
      (then
        (f64.store (local.get $dst)
          (f64.add (f64.load (local.get $dst)) (f64.mul (local.get $alpha) (f64.load (local.get $src))))))))
;; Part of toy-kernel.wat (included there; see its header for the layout and the rules): the Gram matrix WᵀW, row range by row range.
  ;; Rows from … to − 1 of WᵀW and the same columns: gram[i][j] = gram[j][i] = Wᵢ·Wⱼ for j ≥ i,
  ;; each dot summed over k in order; four j at a time (independent sums hide the latency of the
  ;; additions), then one at a time.
  (func (export "gram") (param $from i32) (param $to i32)
    (local $i i32) (local $j i32) (local $k i32) (local $bi i32) (local $bj i32) (local $n8 i32) (local $m8 i32)
    (local $dot f64) (local $dot1 f64) (local $dot2 f64) (local $dot3 f64) (local $wik f64) (local $p i32)
    (local $row i32) (local $col i32)
    ;; the layout, in locals
    (local $Gw i32) (local $Ggram i32) (local $Gn i32) (local $Gm i32)
    (local.set $Gw (global.get $w))
    (local.set $Ggram (global.get $gram))
    (local.set $Gn (global.get $n))
    (local.set $Gm (global.get $m))
    (local.set $n8 (i32.shl (local.get $Gn) (i32.const 3)))
    (local.set $m8 (i32.shl (local.get $Gm) (i32.const 3)))
    (local.set $i (local.get $from))
    (block $doneI
      (loop $rowsI
        (br_if $doneI (i32.ge_u (local.get $i) (local.get $to)))
        (local.set $bi (i32.add (local.get $Gw) (i32.mul (local.get $i) (local.get $n8))))
        (local.set $row (i32.add (local.get $Ggram) (i32.mul (local.get $i) (local.get $m8))))
        (local.set $j (local.get $i))
        (block $doneQuads
          (loop $quads
            (br_if $doneQuads (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $Gm)))
            (local.set $bj (i32.add (local.get $Gw) (i32.mul (local.get $j) (local.get $n8))))
            (local.set $dot (f64.const 0)) (local.set $dot1 (f64.const 0))
            (local.set $dot2 (f64.const 0)) (local.set $dot3 (f64.const 0))
            (local.set $k (i32.const 0))
            (loop $dims4
              (local.set $wik (f64.load (i32.add (local.get $bi) (local.get $k))))
              (local.set $p (i32.add (local.get $bj) (local.get $k)))
              (local.set $dot (f64.add (local.get $dot) (f64.mul (local.get $wik) (f64.load (local.get $p)))))
              (local.set $p (i32.add (local.get $p) (local.get $n8)))
              (local.set $dot1 (f64.add (local.get $dot1) (f64.mul (local.get $wik) (f64.load (local.get $p)))))
              (local.set $p (i32.add (local.get $p) (local.get $n8)))
              (local.set $dot2 (f64.add (local.get $dot2) (f64.mul (local.get $wik) (f64.load (local.get $p)))))
              (local.set $p (i32.add (local.get $p) (local.get $n8)))
              (local.set $dot3 (f64.add (local.get $dot3) (f64.mul (local.get $wik) (f64.load (local.get $p)))))
              (br_if $dims4 (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 8))) (local.get $n8))))
            ;; row i, columns j … j + 3; and column i of rows j … j + 3
            (local.set $p (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const 3))))
            (f64.store (local.get $p) (local.get $dot))
            (f64.store offset=8 (local.get $p) (local.get $dot1))
            (f64.store offset=16 (local.get $p) (local.get $dot2))
            (f64.store offset=24 (local.get $p) (local.get $dot3))
            (local.set $col (i32.add (local.get $Ggram)
              (i32.add (i32.mul (local.get $j) (local.get $m8)) (i32.shl (local.get $i) (i32.const 3)))))
            (f64.store (local.get $col) (local.get $dot))
            (local.set $col (i32.add (local.get $col) (local.get $m8)))
            (f64.store (local.get $col) (local.get $dot1))
            (local.set $col (i32.add (local.get $col) (local.get $m8)))
            (f64.store (local.get $col) (local.get $dot2))
            (local.set $col (i32.add (local.get $col) (local.get $m8)))
            (f64.store (local.get $col) (local.get $dot3))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $quads)))
        (block $doneJ
          (loop $rowsJ
            (br_if $doneJ (i32.ge_u (local.get $j) (local.get $Gm)))
            (local.set $bj (i32.add (local.get $Gw) (i32.mul (local.get $j) (local.get $n8))))
            (local.set $dot (f64.const 0))
            (local.set $k (i32.const 0))
            (loop $dims
              (local.set $dot (f64.add (local.get $dot)
                (f64.mul (f64.load (i32.add (local.get $bi) (local.get $k)))
                         (f64.load (i32.add (local.get $bj) (local.get $k))))))
              (br_if $dims (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 8))) (local.get $n8))))
            (f64.store (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const 3))) (local.get $dot))
            (f64.store (i32.add (local.get $Ggram)
                         (i32.add (i32.mul (local.get $j) (local.get $m8)) (i32.shl (local.get $i) (i32.const 3))))
                       (local.get $dot))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $rowsJ)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rowsI))))
;; Part of toy-kernel.wat (included there; see its header for the layout and the rules): one sample's nonzero inputs: their scratch, A += x gᵀ, and the forward pass through WᵀW.
  ;; The scratch for the nonzero inputs p0 … p1 − 1 (p1 > p0) of one sample: rows[q] = $base + 8m·i
  ;; (row iₚ of an m × m matrix at $base) and xs[q] = (xₚ, xₚ), q = p − p0. Returns 16·(p1 − p0).
  (func $fill (param $p0 i32) (param $p1 i32) (param $base i32) (result i32)
    (local $q i32) (local $m8 i32)
    ;; the layout, in locals
    (local $Gindex i32) (local $Gvalue i32) (local $Grows i32) (local $Gxs i32) (local $Gm i32)
    (local.set $Gindex (global.get $index))
    (local.set $Gvalue (global.get $value))
    (local.set $Grows (global.get $rows))
    (local.set $Gxs (global.get $xs))
    (local.set $Gm (global.get $m))
    (local.set $m8 (i32.shl (local.get $Gm) (i32.const 3)))
    (loop $each
      (i32.store (i32.add (local.get $Grows) (i32.shl (local.get $q) (i32.const 2)))
        (i32.add (local.get $base)
          (i32.mul (i32.load (i32.add (local.get $Gindex) (i32.shl (local.get $p0) (i32.const 2)))) (local.get $m8))))
      (v128.store (i32.add (local.get $Gxs) (i32.shl (local.get $q) (i32.const 4)))
        (f64x2.splat (f64.load (i32.add (local.get $Gvalue) (i32.shl (local.get $p0) (i32.const 3))))))
      (local.set $q (i32.add (local.get $q) (i32.const 1)))
      (br_if $each (i32.lt_s (local.tee $p0 (i32.add (local.get $p0) (i32.const 1))) (local.get $p1))))
    (i32.shl (local.get $q) (i32.const 4)))

  ;; A += x gᵀ for one sample whose scratch holds A's rows (see $fill; $count16 = 16 × inputs):
  ;; A[iₚ][j] = A[iₚ][j] + xₚ·g_j for every j, sixteen columns at a time (g's sixteen values held
  ;; in registers while the rows stream past), then two, then one — each entry updated once, as in the
  ;; JavaScript loop.
  (func $updateA (param $count16 i32)
    (local $q i32) (local $j8 i32) (local $m8 i32) (local $base i32) (local $xv v128)
    (local $g0 v128) (local $g1 v128) (local $g2 v128) (local $g3 v128) (local $g f64)
    (local $g4 v128) (local $g5 v128) (local $g6 v128) (local $g7 v128)
    ;; the layout, in locals
    (local $GgDense i32) (local $Grows i32) (local $Gxs i32) (local $Gm i32)
    (local.set $GgDense (global.get $gDense))
    (local.set $Grows (global.get $rows))
    (local.set $Gxs (global.get $xs))
    (local.set $Gm (global.get $m))
    (local.set $m8 (i32.shl (local.get $Gm) (i32.const 3)))
    (block $doneSixteens
      (loop $sixteens
        (br_if $doneSixteens (i32.gt_u (i32.add (local.get $j8) (i32.const 128)) (local.get $m8)))
        (local.set $base (i32.add (local.get $GgDense) (local.get $j8)))
        (local.set $g0 (v128.load offset=0 (local.get $base)))
        (local.set $g1 (v128.load offset=16 (local.get $base)))
        (local.set $g2 (v128.load offset=32 (local.get $base)))
        (local.set $g3 (v128.load offset=48 (local.get $base)))
        (local.set $g4 (v128.load offset=64 (local.get $base)))
        (local.set $g5 (v128.load offset=80 (local.get $base)))
        (local.set $g6 (v128.load offset=96 (local.get $base)))
        (local.set $g7 (v128.load offset=112 (local.get $base)))
        (local.set $q (i32.const 0))
        (loop $inputs
          (local.set $base (i32.add (i32.load (i32.add (local.get $Grows) (i32.shr_u (local.get $q) (i32.const 2)))) (local.get $j8)))
          (local.set $xv (v128.load (i32.add (local.get $Gxs) (local.get $q))))
          (v128.store offset=0 (local.get $base) (f64x2.add (v128.load offset=0 (local.get $base)) (f64x2.mul (local.get $xv) (local.get $g0))))
          (v128.store offset=16 (local.get $base) (f64x2.add (v128.load offset=16 (local.get $base)) (f64x2.mul (local.get $xv) (local.get $g1))))
          (v128.store offset=32 (local.get $base) (f64x2.add (v128.load offset=32 (local.get $base)) (f64x2.mul (local.get $xv) (local.get $g2))))
          (v128.store offset=48 (local.get $base) (f64x2.add (v128.load offset=48 (local.get $base)) (f64x2.mul (local.get $xv) (local.get $g3))))
          (v128.store offset=64 (local.get $base) (f64x2.add (v128.load offset=64 (local.get $base)) (f64x2.mul (local.get $xv) (local.get $g4))))
          (v128.store offset=80 (local.get $base) (f64x2.add (v128.load offset=80 (local.get $base)) (f64x2.mul (local.get $xv) (local.get $g5))))
          (v128.store offset=96 (local.get $base) (f64x2.add (v128.load offset=96 (local.get $base)) (f64x2.mul (local.get $xv) (local.get $g6))))
          (v128.store offset=112 (local.get $base) (f64x2.add (v128.load offset=112 (local.get $base)) (f64x2.mul (local.get $xv) (local.get $g7))))
          (br_if $inputs (i32.lt_u (local.tee $q (i32.add (local.get $q) (i32.const 16))) (local.get $count16))))
        (local.set $j8 (i32.add (local.get $j8) (i32.const 128)))
        (br $sixteens)))
    (block $donePairs
      (loop $pairs
        (br_if $donePairs (i32.gt_u (i32.add (local.get $j8) (i32.const 16)) (local.get $m8)))
        (local.set $g0 (v128.load (i32.add (local.get $GgDense) (local.get $j8))))
        (local.set $q (i32.const 0))
        (loop $inputs2
          (local.set $base (i32.add (i32.load (i32.add (local.get $Grows) (i32.shr_u (local.get $q) (i32.const 2)))) (local.get $j8)))
          (v128.store (local.get $base)
            (f64x2.add (v128.load (local.get $base)) (f64x2.mul (v128.load (i32.add (local.get $Gxs) (local.get $q))) (local.get $g0))))
          (br_if $inputs2 (i32.lt_u (local.tee $q (i32.add (local.get $q) (i32.const 16))) (local.get $count16))))
        (local.set $j8 (i32.add (local.get $j8) (i32.const 16)))
        (br $pairs)))
    (if (i32.lt_u (local.get $j8) (local.get $m8))
      (then
        (local.set $g (f64.load (i32.add (local.get $GgDense) (local.get $j8))))
        (local.set $q (i32.const 0))
        (loop $inputs1
          (local.set $base (i32.add (i32.load (i32.add (local.get $Grows) (i32.shr_u (local.get $q) (i32.const 2)))) (local.get $j8)))
          (f64.store (local.get $base)
            (f64.add (f64.load (local.get $base)) (f64.mul (f64.load (i32.add (local.get $Gxs) (local.get $q))) (local.get $g))))
          (br_if $inputs1 (i32.lt_u (local.tee $q (i32.add (local.get $q) (i32.const 16))) (local.get $count16)))))))

  ;; y = b + Σ_p x_p·(WᵀW)_{i_p} for the nonzero inputs p0 … p1 − 1 of one sample. Each output
  ;; sums its terms in order of p, as the JavaScript loop does; the outputs are done sixteen at a
  ;; time (eight f64x2 sums held in registers while the inputs stream past), then two, then one. The
  ;; inputs' row addresses and their values (splatted) are put in the scratch first.
  (func $forwardGram (param $p0 i32) (param $p1 i32)
    (local $q i32) (local $count16 i32) (local $j8 i32) (local $m8 i32) (local $base i32)
    (local $xv v128) (local $acc0 v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128) (local $acc f64)
    (local $acc4 v128) (local $acc5 v128) (local $acc6 v128) (local $acc7 v128)
    ;; the layout, in locals
    (local $Gb i32) (local $Ggram i32) (local $Gy i32) (local $Grows i32) (local $Gxs i32) (local $Gm i32)
    (local.set $Gb (global.get $b))
    (local.set $Ggram (global.get $gram))
    (local.set $Gy (global.get $y))
    (local.set $Grows (global.get $rows))
    (local.set $Gxs (global.get $xs))
    (local.set $Gm (global.get $m))
    (local.set $m8 (i32.shl (local.get $Gm) (i32.const 3)))
    (local.set $count16 (call $fill (local.get $p0) (local.get $p1) (local.get $Ggram)))
    (local.set $j8 (i32.const 0))
    (block $doneSixteens
      (loop $sixteens
        (br_if $doneSixteens (i32.gt_u (i32.add (local.get $j8) (i32.const 128)) (local.get $m8)))
        (local.set $base (i32.add (local.get $Gb) (local.get $j8)))
        (local.set $acc0 (v128.load offset=0 (local.get $base)))
        (local.set $acc1 (v128.load offset=16 (local.get $base)))
        (local.set $acc2 (v128.load offset=32 (local.get $base)))
        (local.set $acc3 (v128.load offset=48 (local.get $base)))
        (local.set $acc4 (v128.load offset=64 (local.get $base)))
        (local.set $acc5 (v128.load offset=80 (local.get $base)))
        (local.set $acc6 (v128.load offset=96 (local.get $base)))
        (local.set $acc7 (v128.load offset=112 (local.get $base)))
        (local.set $q (i32.const 0))
        (loop $inputs
          (local.set $base (i32.add (i32.load (i32.add (local.get $Grows) (i32.shr_u (local.get $q) (i32.const 2)))) (local.get $j8)))
          (local.set $xv (v128.load (i32.add (local.get $Gxs) (local.get $q))))
          (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (local.get $xv) (v128.load offset=0 (local.get $base)))))
          (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (local.get $xv) (v128.load offset=16 (local.get $base)))))
          (local.set $acc2 (f64x2.add (local.get $acc2) (f64x2.mul (local.get $xv) (v128.load offset=32 (local.get $base)))))
          (local.set $acc3 (f64x2.add (local.get $acc3) (f64x2.mul (local.get $xv) (v128.load offset=48 (local.get $base)))))
          (local.set $acc4 (f64x2.add (local.get $acc4) (f64x2.mul (local.get $xv) (v128.load offset=64 (local.get $base)))))
          (local.set $acc5 (f64x2.add (local.get $acc5) (f64x2.mul (local.get $xv) (v128.load offset=80 (local.get $base)))))
          (local.set $acc6 (f64x2.add (local.get $acc6) (f64x2.mul (local.get $xv) (v128.load offset=96 (local.get $base)))))
          (local.set $acc7 (f64x2.add (local.get $acc7) (f64x2.mul (local.get $xv) (v128.load offset=112 (local.get $base)))))
          (br_if $inputs (i32.lt_u (local.tee $q (i32.add (local.get $q) (i32.const 16))) (local.get $count16))))
        (local.set $base (i32.add (local.get $Gy) (local.get $j8)))
        (v128.store offset=0 (local.get $base) (local.get $acc0))
        (v128.store offset=16 (local.get $base) (local.get $acc1))
        (v128.store offset=32 (local.get $base) (local.get $acc2))
        (v128.store offset=48 (local.get $base) (local.get $acc3))
        (v128.store offset=64 (local.get $base) (local.get $acc4))
        (v128.store offset=80 (local.get $base) (local.get $acc5))
        (v128.store offset=96 (local.get $base) (local.get $acc6))
        (v128.store offset=112 (local.get $base) (local.get $acc7))
        (local.set $j8 (i32.add (local.get $j8) (i32.const 128)))
        (br $sixteens)))
    (block $donePairs
      (loop $pairs
        (br_if $donePairs (i32.gt_u (i32.add (local.get $j8) (i32.const 16)) (local.get $m8)))
        (local.set $acc0 (v128.load (i32.add (local.get $Gb) (local.get $j8))))
        (local.set $q (i32.const 0))
        (loop $inputs2
          (local.set $base (i32.add (i32.load (i32.add (local.get $Grows) (i32.shr_u (local.get $q) (i32.const 2)))) (local.get $j8)))
          (local.set $acc0 (f64x2.add (local.get $acc0)
            (f64x2.mul (v128.load (i32.add (local.get $Gxs) (local.get $q))) (v128.load (local.get $base)))))
          (br_if $inputs2 (i32.lt_u (local.tee $q (i32.add (local.get $q) (i32.const 16))) (local.get $count16))))
        (v128.store (i32.add (local.get $Gy) (local.get $j8)) (local.get $acc0))
        (local.set $j8 (i32.add (local.get $j8) (i32.const 16)))
        (br $pairs)))
    (if (i32.lt_u (local.get $j8) (local.get $m8))
      (then
        (local.set $acc (f64.load (i32.add (local.get $Gb) (local.get $j8))))
        (local.set $q (i32.const 0))
        (loop $inputs1
          (local.set $base (i32.add (i32.load (i32.add (local.get $Grows) (i32.shr_u (local.get $q) (i32.const 2)))) (local.get $j8)))
          (local.set $acc (f64.add (local.get $acc)
            (f64.mul (f64.load (i32.add (local.get $Gxs) (local.get $q))) (f64.load (local.get $base)))))
          (br_if $inputs1 (i32.lt_u (local.tee $q (i32.add (local.get $q) (i32.const 16))) (local.get $count16))))
        (f64.store (i32.add (local.get $Gy) (local.get $j8)) (local.get $acc)))))

  ;; Forward and backward pass of samples from … to − 1 (see accumulateRows in step.ts): adds g to
  ;; gB and x gᵀ to A, and returns Σ over the samples of Σᵢ Iᵢ (xᵢ − x′ᵢ)². Samples without a
  ;; nonzero input are skipped (the caller counts them). $scale = 2/B; $gramMode ≠ 0: y from WᵀW.
;; Part of toy-kernel.wat (included there; see its header for the layout and the rules): a batch's loss and gradient, the gradient of W, and Adam.
  (func (export "accumulate") (param $from i32) (param $to i32) (param $scale f64) (param $gramMode i32)
    (result f64)
    (local $s i32) (local $p i32) (local $p0 i32) (local $p1 i32) (local $i i32) (local $j i32)
    (local $k i32) (local $ng i32) (local $xi f64) (local $yj f64) (local $d f64) (local $q f64)
    (local $g f64) (local $acc f64) (local $loss f64) (local $row i32) (local $dense i32)
    (local $n8 i32) (local $m8 i32) (local $addr i32) (local $acc1 f64) (local $acc2 f64) (local $acc3 f64)
    (local $hk f64)
    ;; the layout, in locals
    (local $Gw i32) (local $Gb i32) (local $Gimp i32) (local $Ga i32) (local $GgB i32) (local $Gy i32) (local $Gh i32) (local $Gx i32) (local $GgIdx i32) (local $GgVal i32) (local $GgDense i32) (local $Gstart i32) (local $Gindex i32) (local $Gvalue i32) (local $Gn i32) (local $Gm i32)
    (local.set $Gw (global.get $w))
    (local.set $Gb (global.get $b))
    (local.set $Gimp (global.get $imp))
    (local.set $Ga (global.get $a))
    (local.set $GgB (global.get $gB))
    (local.set $Gy (global.get $y))
    (local.set $Gh (global.get $h))
    (local.set $Gx (global.get $x))
    (local.set $GgIdx (global.get $gIdx))
    (local.set $GgVal (global.get $gVal))
    (local.set $GgDense (global.get $gDense))
    (local.set $Gstart (global.get $start))
    (local.set $Gindex (global.get $index))
    (local.set $Gvalue (global.get $value))
    (local.set $Gn (global.get $n))
    (local.set $Gm (global.get $m))
    (local.set $n8 (i32.shl (local.get $Gn) (i32.const 3)))
    (local.set $m8 (i32.shl (local.get $Gm) (i32.const 3)))
    (local.set $s (local.get $from))
    (block $doneS
      (loop $samples
        (br_if $doneS (i32.ge_u (local.get $s) (local.get $to)))
        (local.set $p0 (i32.load (i32.add (local.get $Gstart) (i32.shl (local.get $s) (i32.const 2)))))
        (local.set $p1 (i32.load offset=4 (i32.add (local.get $Gstart) (i32.shl (local.get $s) (i32.const 2)))))
        (if (i32.lt_s (local.get $p0) (local.get $p1))
          (then
            ;; y = Wᵀ W x + b
            (if (local.get $gramMode)
              (then
                (call $forwardGram (local.get $p0) (local.get $p1)))
              (else
                (memory.fill (local.get $Gh) (i32.const 0) (local.get $n8))
                (local.set $p (local.get $p0))
                (loop $inputs
                  (call $axpy (local.get $Gh)
                    (i32.add (local.get $Gw)
                      (i32.mul (i32.load (i32.add (local.get $Gindex) (i32.shl (local.get $p) (i32.const 2)))) (local.get $n8)))
                    (f64.load (i32.add (local.get $Gvalue) (i32.shl (local.get $p) (i32.const 3))))
                    (local.get $Gn))
                  (br_if $inputs (i32.lt_s (local.tee $p (i32.add (local.get $p) (i32.const 1))) (local.get $p1))))
                ;; y_j = b_j + W_j·h, four outputs at a time (four independent sums, each in order
                ;; of k, hide the latency of the additions), then one at a time
                (local.set $j (i32.const 0))
                (block $doneQuads
                  (loop $quads
                    (br_if $doneQuads (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $Gm)))
                    (local.set $row (i32.add (local.get $Gw) (i32.mul (local.get $j) (local.get $n8))))
                    (local.set $addr (i32.add (local.get $Gb) (i32.shl (local.get $j) (i32.const 3))))
                    (local.set $acc (f64.load (local.get $addr)))
                    (local.set $acc1 (f64.load offset=8 (local.get $addr)))
                    (local.set $acc2 (f64.load offset=16 (local.get $addr)))
                    (local.set $acc3 (f64.load offset=24 (local.get $addr)))
                    (local.set $k (i32.const 0))
                    (loop $dims4
                      (local.set $hk (f64.load (i32.add (local.get $Gh) (local.get $k))))
                      (local.set $p (i32.add (local.get $row) (local.get $k)))
                      (local.set $acc (f64.add (local.get $acc) (f64.mul (f64.load (local.get $p)) (local.get $hk))))
                      (local.set $p (i32.add (local.get $p) (local.get $n8)))
                      (local.set $acc1 (f64.add (local.get $acc1) (f64.mul (f64.load (local.get $p)) (local.get $hk))))
                      (local.set $p (i32.add (local.get $p) (local.get $n8)))
                      (local.set $acc2 (f64.add (local.get $acc2) (f64.mul (f64.load (local.get $p)) (local.get $hk))))
                      (local.set $p (i32.add (local.get $p) (local.get $n8)))
                      (local.set $acc3 (f64.add (local.get $acc3) (f64.mul (f64.load (local.get $p)) (local.get $hk))))
                      (br_if $dims4 (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 8))) (local.get $n8))))
                    (local.set $addr (i32.add (local.get $Gy) (i32.shl (local.get $j) (i32.const 3))))
                    (f64.store (local.get $addr) (local.get $acc))
                    (f64.store offset=8 (local.get $addr) (local.get $acc1))
                    (f64.store offset=16 (local.get $addr) (local.get $acc2))
                    (f64.store offset=24 (local.get $addr) (local.get $acc3))
                    (local.set $j (i32.add (local.get $j) (i32.const 4)))
                    (br $quads)))
                (block $doneOutputs
                  (loop $outputs
                    (br_if $doneOutputs (i32.ge_u (local.get $j) (local.get $Gm)))
                    (local.set $row (i32.add (local.get $Gw) (i32.mul (local.get $j) (local.get $n8))))
                    (local.set $acc (f64.load (i32.add (local.get $Gb) (i32.shl (local.get $j) (i32.const 3)))))
                    (local.set $k (i32.const 0))
                    (loop $dims
                      (local.set $acc (f64.add (local.get $acc)
                        (f64.mul (f64.load (i32.add (local.get $row) (local.get $k)))
                                 (f64.load (i32.add (local.get $Gh) (local.get $k))))))
                      (br_if $dims (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 8))) (local.get $n8))))
                    (f64.store (i32.add (local.get $Gy) (i32.shl (local.get $j) (i32.const 3))) (local.get $acc))
                    (local.set $j (i32.add (local.get $j) (i32.const 1)))
                    (br $outputs)))))
            ;; the dense x of this sample
            (local.set $p (local.get $p0))
            (loop $scatter
              (f64.store
                (i32.add (local.get $Gx) (i32.shl (i32.load (i32.add (local.get $Gindex) (i32.shl (local.get $p) (i32.const 2)))) (i32.const 3)))
                (f64.load (i32.add (local.get $Gvalue) (i32.shl (local.get $p) (i32.const 3)))))
              (br_if $scatter (i32.lt_s (local.tee $p (i32.add (local.get $p) (i32.const 1))) (local.get $p1))))
            ;; error, loss and g where the ReLU is on
            (local.set $ng (i32.const 0))
            (local.set $j (i32.const 0))
            (loop $features
              (local.set $yj (f64.load (i32.add (local.get $Gy) (i32.shl (local.get $j) (i32.const 3)))))
              (local.set $g (f64.const 0))
              (if (f64.gt (local.get $yj) (f64.const 0))
                (then
                  (local.set $d (f64.sub (local.get $yj) (f64.load (i32.add (local.get $Gx) (i32.shl (local.get $j) (i32.const 3))))))
                  (local.set $q (f64.mul (f64.load (i32.add (local.get $Gimp) (i32.shl (local.get $j) (i32.const 3)))) (local.get $d)))
                  (local.set $loss (f64.add (local.get $loss) (f64.mul (local.get $q) (local.get $d))))
                  (local.set $g (f64.mul (local.get $scale) (local.get $q)))
                  (if (f64.ne (local.get $g) (f64.const 0))
                    (then
                      (i32.store (i32.add (local.get $GgIdx) (i32.shl (local.get $ng) (i32.const 2))) (local.get $j))
                      (f64.store (i32.add (local.get $GgVal) (i32.shl (local.get $ng) (i32.const 3))) (local.get $g))
                      (local.set $ng (i32.add (local.get $ng) (i32.const 1)))
                      (local.set $addr (i32.add (local.get $GgB) (i32.shl (local.get $j) (i32.const 3))))
                      (f64.store (local.get $addr) (f64.add (f64.load (local.get $addr)) (local.get $g)))))))
              (f64.store (i32.add (local.get $GgDense) (i32.shl (local.get $j) (i32.const 3))) (local.get $g))
              (br_if $features (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $Gm))))
            ;; A += x gᵀ: whole rows ($updateA, after this loop) when g is dense enough, else entry by entry
            (local.set $dense (i32.ge_u (i32.shl (local.get $ng) (i32.const 2)) (local.get $Gm)))
            (local.set $p (local.get $p0))
            (loop $rows
              (local.set $i (i32.load (i32.add (local.get $Gindex) (i32.shl (local.get $p) (i32.const 2)))))
              (local.set $xi (f64.load (i32.add (local.get $Gvalue) (i32.shl (local.get $p) (i32.const 3)))))
              (f64.store (i32.add (local.get $Gx) (i32.shl (local.get $i) (i32.const 3))) (f64.const 0))
              (if (i32.eqz (f64.gt (f64.load (i32.add (local.get $Gy) (i32.shl (local.get $i) (i32.const 3)))) (f64.const 0)))
                (then
                  (local.set $loss (f64.add (local.get $loss)
                    (f64.mul (f64.mul (f64.load (i32.add (local.get $Gimp) (i32.shl (local.get $i) (i32.const 3)))) (local.get $xi))
                             (local.get $xi))))))
              (local.set $row (i32.add (local.get $Ga) (i32.mul (local.get $i) (local.get $m8))))
              (if (i32.eqz (local.get $dense))
                (then
                  (local.set $k (i32.const 0))
                  (block $doneK
                    (loop $entries
                      (br_if $doneK (i32.ge_u (local.get $k) (local.get $ng)))
                      (local.set $addr (i32.add (local.get $row)
                        (i32.shl (i32.load (i32.add (local.get $GgIdx) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 3))))
                      (f64.store (local.get $addr)
                        (f64.add (f64.load (local.get $addr))
                                 (f64.mul (local.get $xi) (f64.load (i32.add (local.get $GgVal) (i32.shl (local.get $k) (i32.const 3)))))))
                      (local.set $k (i32.add (local.get $k) (i32.const 1)))
                      (br $entries)))))
              (br_if $rows (i32.lt_s (local.tee $p (i32.add (local.get $p) (i32.const 1))) (local.get $p1))))
            (if (local.get $dense)
              (then (call $updateA (call $fill (local.get $p0) (local.get $p1) (local.get $Ga)))))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $samples)))
    (local.get $loss))

  ;; Columns from … to − 1 of ∂L/∂W = W (A + Aᵀ): gW_j = Σᵢ (A_ji + A_ij) Wᵢ, skipping zero terms.
  (func (export "gradient") (param $from i32) (param $to i32)
    (local $i i32) (local $j i32) (local $s f64) (local $out i32) (local $n8 i32) (local $m8 i32)
    ;; the layout, in locals
    (local $Gw i32) (local $Ga i32) (local $GgW i32) (local $Gn i32) (local $Gm i32)
    (local.set $Gw (global.get $w))
    (local.set $Ga (global.get $a))
    (local.set $GgW (global.get $gW))
    (local.set $Gn (global.get $n))
    (local.set $Gm (global.get $m))
    (local.set $n8 (i32.shl (local.get $Gn) (i32.const 3)))
    (local.set $m8 (i32.shl (local.get $Gm) (i32.const 3)))
    (local.set $j (local.get $from))
    (block $doneJ
      (loop $columns
        (br_if $doneJ (i32.ge_u (local.get $j) (local.get $to)))
        (local.set $out (i32.add (local.get $GgW) (i32.mul (local.get $j) (local.get $n8))))
        (memory.fill (local.get $out) (i32.const 0) (local.get $n8))
        (local.set $i (i32.const 0))
        (loop $terms
          (local.set $s (f64.add
            (f64.load (i32.add (local.get $Ga) (i32.add (i32.mul (local.get $j) (local.get $m8)) (i32.shl (local.get $i) (i32.const 3)))))
            (f64.load (i32.add (local.get $Ga) (i32.add (i32.mul (local.get $i) (local.get $m8)) (i32.shl (local.get $j) (i32.const 3)))))))
          (if (f64.ne (local.get $s) (f64.const 0))
            (then (call $axpy (local.get $out) (i32.add (local.get $Gw) (i32.mul (local.get $i) (local.get $n8))) (local.get $s) (local.get $Gn))))
          (br_if $terms (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $Gm))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $columns))))

  ;; One Adam update of $count parameters at $p with gradient $g and moments $m1, $m2:
  ;;   u = β₁·m1 + c₁·g;  v = β₂·m2 + (c₂·g)·g;  p = p − (stepSize·u) / (√v / root2 + ε)
  ;; (c₁ = 1 − β₁ and c₂ = 1 − β₂ as the caller computed them).
  (func (export "adam") (param $p i32) (param $g i32) (param $m1 i32) (param $m2 i32) (param $count i32)
    (param $beta1 f64) (param $c1 f64) (param $beta2 f64) (param $c2 f64) (param $stepSize f64)
    (param $root2 f64) (param $eps f64)
    (local $end i32) (local $gv v128) (local $u v128) (local $v v128)
    (local $vb1 v128) (local $vc1 v128) (local $vb2 v128) (local $vc2 v128) (local $vs v128) (local $vr v128) (local $ve v128)
    (local $gi f64) (local $us f64) (local $vsc f64)
    (local.set $vb1 (f64x2.splat (local.get $beta1))) (local.set $vc1 (f64x2.splat (local.get $c1)))
    (local.set $vb2 (f64x2.splat (local.get $beta2))) (local.set $vc2 (f64x2.splat (local.get $c2)))
    (local.set $vs (f64x2.splat (local.get $stepSize))) (local.set $vr (f64x2.splat (local.get $root2)))
    (local.set $ve (f64x2.splat (local.get $eps)))
    (local.set $end (i32.add (local.get $p) (i32.shl (i32.and (local.get $count) (i32.const -2)) (i32.const 3))))
    (block $done
      (loop $pairs
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $gv (v128.load (local.get $g)))
        (local.set $u (f64x2.add (f64x2.mul (local.get $vb1) (v128.load (local.get $m1))) (f64x2.mul (local.get $vc1) (local.get $gv))))
        (local.set $v (f64x2.add (f64x2.mul (local.get $vb2) (v128.load (local.get $m2)))
                                 (f64x2.mul (f64x2.mul (local.get $vc2) (local.get $gv)) (local.get $gv))))
        (v128.store (local.get $m1) (local.get $u))
        (v128.store (local.get $m2) (local.get $v))
        (v128.store (local.get $p)
          (f64x2.sub (v128.load (local.get $p))
            (f64x2.div (f64x2.mul (local.get $vs) (local.get $u))
                       (f64x2.add (f64x2.div (f64x2.sqrt (local.get $v)) (local.get $vr)) (local.get $ve)))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $m1 (i32.add (local.get $m1) (i32.const 16)))
        (local.set $m2 (i32.add (local.get $m2) (i32.const 16)))
        (br $pairs)))
    (if (i32.and (local.get $count) (i32.const 1))
      (then
        (local.set $gi (f64.load (local.get $g)))
        (local.set $us (f64.add (f64.mul (local.get $beta1) (f64.load (local.get $m1))) (f64.mul (local.get $c1) (local.get $gi))))
        (local.set $vsc (f64.add (f64.mul (local.get $beta2) (f64.load (local.get $m2)))
                                 (f64.mul (f64.mul (local.get $c2) (local.get $gi)) (local.get $gi))))
        (f64.store (local.get $m1) (local.get $us))
        (f64.store (local.get $m2) (local.get $vsc))
        (f64.store (local.get $p)
          (f64.sub (f64.load (local.get $p))
            (f64.div (f64.mul (local.get $stepSize) (local.get $us))
                     (f64.add (f64.div (f64.sqrt (local.get $vsc)) (local.get $root2)) (local.get $eps))))))))
)
