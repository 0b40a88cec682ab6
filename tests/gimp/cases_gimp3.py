# cases_gimp3.py: the end-to-end cases of cases.scm, called from Python-Fu
# in GIMP 3 as a Python user would (the runner defines `work` and runs this
# file with python-fu-eval). Each case exports WORK/out-py3-<case>.png and
# prints "EDCG py3-<case> ok|failed" for e2e_lib.sh.
from gi.repository import Gimp, Gio

PREFIX = "py3"


def report(tag, result):
    print(f"EDCG {PREFIX}-{tag} {result}", flush=True)


def load(name):
    return Gimp.file_load(Gimp.RunMode.NONINTERACTIVE, Gio.File.new_for_path(f"{work}/{name}"))


def export(image, tag):
    path = f"{work}/out-{PREFIX}-{tag}.png"
    Gimp.file_save(Gimp.RunMode.NONINTERACTIVE, image, Gio.File.new_for_path(path), None)


def translate(image, model, direction, strength=1.0, edge_strength=1.0, work_size=-1):
    """What a Python-Fu user writes; returns (status, error message)."""
    procedure = Gimp.get_pdb().lookup_procedure("plug-in-edcyclegan")
    config = procedure.create_config()
    config.set_property("run-mode", Gimp.RunMode.NONINTERACTIVE)
    config.set_property("image", image)
    config.set_core_object_array("drawables", image.get_selected_drawables())
    config.set_property("model", model)
    config.set_property("direction", direction)
    config.set_property("strength", strength)
    config.set_property("edge-strength", edge_strength)
    config.set_property("work-size", work_size)
    result = procedure.run(config)
    status = result.index(0)
    message = result.index(1) if status != Gimp.PDBStatusType.SUCCESS and result.length() > 1 else ""
    return status, message


def translated(tag, name, prepare, *args):
    try:
        image = load(name)
        prepare(image)
        status, message = translate(image, *args)
        if status != Gimp.PDBStatusType.SUCCESS:
            raise RuntimeError(message)
        Gimp.Selection.none(image)
        image.resize_to_layers()
        export(image, tag)
        report(tag, "ok")
    except Exception as e:  # reported, and the checks then fail with it
        print(f"{tag}: {e}", flush=True)
        report(tag, "failed")


def refused(tag, name, *args):
    image = load(name)
    image.clean_all()
    status, message = translate(image, *args)
    print(f"{tag}: {message}", flush=True)
    report(f"{tag}-call", "ok" if status == Gimp.PDBStatusType.SUCCESS else "failed")
    report(f"{tag}-dirty", "1" if image.is_dirty() else "0")
    export(image, tag)


def nothing(image):
    pass


def select(x, y, w, h, feather=0):
    def prepare(image):
        image.select_rectangle(Gimp.ChannelOps.REPLACE, x, y, w, h)
        if feather:
            Gimp.Selection.feather(image, feather)
    return prepare


def offset_and_select(image):
    image.resize(136, 112, 20, 30)
    select(0, 0, 60, 50)(image)


translated("rgb", "rgb.png", nothing, "tiny", "a2b")
translated("rgba", "rgba.png", nothing, f"{work}/tiny.safetensors", "orange", 0.6, 1.3)
translated("selection", "rgb.png", select(20, 10, 40, 30), "tiny", "b2a")
translated("offset", "rgba.png", offset_and_select, "tiny", "a2b")
translated("float", "rgb.png", lambda i: i.convert_precision(Gimp.Precision.FLOAT_LINEAR),
           "tiny", "a2b", 1.0, 1.0, 48)
translated("u16", "rgba.png", lambda i: i.convert_precision(Gimp.Precision.U16_NON_LINEAR),
           "tiny", "a2b", 0.8, 0.5, 0)
translated("feather", "rgb.png", select(30, 20, 36, 30, feather=8), "tiny", "a2b")
refused("bad-model", "rgb.png", "no-such-model", "a2b")
refused("gray", "gray.png", "tiny", "a2b")
refused("bad-work-size", "rgb.png", "tiny", "a2b", 1.0, 1.0, 5)
refused("bad-direction", "rgb.png", "tiny", "banana")
