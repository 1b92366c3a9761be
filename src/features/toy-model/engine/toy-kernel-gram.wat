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

