; api_gimp3.scm: GIMP 3.0's Script-Fu calls for cases.scm. A batch user
; names the filter's arguments:
;   (plug-in-edcyclegan #:run-mode RUN-NONINTERACTIVE #:image image
;                       #:drawables (car (gimp-image-get-selected-drawables image))
;                       #:model "apple2orange" #:direction "orange"
;                       #:strength 1.0 #:edge-strength 1.0 #:work-size -1)

(define edcg-prefix "sf3")
(define (edcg-load name) (car (gimp-file-load RUN-NONINTERACTIVE (edcg-path name))))
(define (edcg-export image name) (gimp-file-save RUN-NONINTERACTIVE image (edcg-path name) -1))
(define (edcg-filter image model direction strength edge work-size)
  (plug-in-edcyclegan #:run-mode RUN-NONINTERACTIVE #:image image
                      #:drawables (car (gimp-image-get-selected-drawables image))
                      #:model model #:direction direction #:strength strength
                      #:edge-strength edge #:work-size work-size))
(define (edcg-to-float image) (gimp-image-convert-precision image PRECISION-FLOAT-LINEAR))
(define (edcg-to-u16 image) (gimp-image-convert-precision image PRECISION-U16-NON-LINEAR))
