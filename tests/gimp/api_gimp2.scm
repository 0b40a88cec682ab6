; api_gimp2.scm: GIMP 2.10's Script-Fu calls for cases.scm. A batch user
; calls the filter with its arguments after run-mode, image and drawable:
;   (plug-in-edcyclegan RUN-NONINTERACTIVE image drawable
;                       "apple2orange" "orange" 1.0 1.0 -1)

(define edcg-prefix "sf2")
(define (edcg-load name) (car (gimp-file-load RUN-NONINTERACTIVE (edcg-path name) name)))
(define (edcg-drawable image) (car (gimp-image-get-active-drawable image)))
(define (edcg-export image name)
  (gimp-file-save RUN-NONINTERACTIVE image (edcg-drawable image) (edcg-path name) name))
(define (edcg-filter image model direction strength edge work-size)
  (plug-in-edcyclegan RUN-NONINTERACTIVE image (edcg-drawable image)
                      model direction strength edge work-size))
(define (edcg-to-float image) (gimp-image-convert-precision image PRECISION-FLOAT-LINEAR))
(define (edcg-to-u16 image) (gimp-image-convert-precision image PRECISION-U16-GAMMA))
