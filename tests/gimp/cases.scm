; cases.scm: the end-to-end cases both GIMP versions run from Script-Fu,
; written as a batch user would call the filter. The version's api_*.scm,
; loaded first, defines how to load, filter, convert and export
; (edcg-load, edcg-filter, edcg-to-float, edcg-to-u16, edcg-export) and the
; case prefix (edcg-prefix); the runner defines `work` (the folder of the
; test images and outputs), loads both files, then calls (edcg-run-cases):
; `catch` does not work while a file is being loaded.
;
; Each case exports WORK/out-<prefix>-<case>.png and reports
; "EDCG <prefix>-<case> ok|failed" through gimp-message (stderr in batch
; mode); e2e_lib.sh checks the files and the reports.

(define (edcg-path name) (string-append work "/" name))
(define (edcg-report tag result)
  (gimp-message (string-append "EDCG " edcg-prefix "-" tag " " result)))
(define (edcg-out tag) (string-append "out-" edcg-prefix "-" tag ".png"))

; Runs thunk; "ok" when it returns, "failed" when it raised an error.
(define (edcg-try thunk) (catch "failed" (thunk) "ok"))

(define (edcg-nothing image) #t)

; A translation case: prepare the image, filter, export what the layer holds.
(define (edcg-translated tag input prepare model direction strength edge work-size)
  (edcg-report tag
    (edcg-try
      (lambda ()
        (let ((image (edcg-load input)))
          (prepare image)
          (edcg-filter image model direction strength edge work-size)
          (gimp-selection-none image)
          (gimp-image-resize-to-layers image)
          (edcg-export image (edcg-out tag)))))))

; A refused call: it must fail, leave the image clean (no undo step) and
; unchanged (exported for comparison).
(define (edcg-refused tag input model direction strength edge work-size)
  (let ((image (edcg-load input)))
    (gimp-image-clean-all image)
    (edcg-report (string-append tag "-call")
                 (edcg-try (lambda () (edcg-filter image model direction strength edge work-size))))
    (edcg-report (string-append tag "-dirty") (number->string (car (gimp-image-is-dirty image))))
    (edcg-export image (edcg-out tag))))

(define (edcg-run-cases)
  (edcg-translated "rgb" "rgb.png" edcg-nothing "tiny" "a2b" 1.0 1.0 -1)
  (edcg-translated "rgba" "rgba.png" edcg-nothing (edcg-path "tiny.safetensors") "orange" 0.6 1.3 -1)
  (edcg-translated "selection" "rgb.png"
    (lambda (image) (gimp-image-select-rectangle image CHANNEL-OP-REPLACE 20 10 40 30))
    "tiny" "b2a" 1.0 1.0 -1)
  ; The layer moves to (20, 30) of a larger canvas; the selection covers its
  ; top-left 40x20 and reaches outside it.
  (edcg-translated "offset" "rgba.png"
    (lambda (image)
      (gimp-image-resize image 136 112 20 30)
      (gimp-image-select-rectangle image CHANNEL-OP-REPLACE 0 0 60 50))
    "tiny" "a2b" 1.0 1.0 -1)
  (edcg-translated "float" "rgb.png" edcg-to-float "tiny" "a2b" 1.0 1.0 48)
  (edcg-translated "u16" "rgba.png" edcg-to-u16 "tiny" "a2b" 0.8 0.5 0)
  (edcg-translated "feather" "rgb.png"
    (lambda (image)
      (gimp-image-select-rectangle image CHANNEL-OP-REPLACE 30 20 36 30)
      (gimp-selection-feather image 8))
    "tiny" "a2b" 1.0 1.0 -1)
  (edcg-refused "bad-model" "rgb.png" "no-such-model" "a2b" 1.0 1.0 -1)
  (edcg-refused "gray" "gray.png" "tiny" "a2b" 1.0 1.0 -1)
  (edcg-refused "bad-work-size" "rgb.png" "tiny" "a2b" 1.0 1.0 5)
  (edcg-refused "bad-strength" "rgb.png" "tiny" "a2b" 1.5 1.0 -1)
  (edcg-refused "bad-direction" "rgb.png" "tiny" "banana" 1.0 1.0 -1))
