;; The toy model's training step in WebAssembly with 128-bit SIMD (f64x2). Hand-written, in parts
;; (the `;; #include` lines, expanded by scripts/wasm-assemble.ts);
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

  ;; #include "toy-kernel-gram.wat"
  ;; #include "toy-kernel-sparse.wat"
  ;; #include "toy-kernel-step.wat"
)
