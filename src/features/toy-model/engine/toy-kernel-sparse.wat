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
