"""scripts/messages.py --check refuses a catalogue that translates one msgid twice (babel keeps
one of the two silently, so the page may show the other wording than the one reviewed)."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "messages.py"


def messages_script():
    spec = importlib.util.spec_from_file_location("messages_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def test_a_msgid_translated_twice_is_a_problem(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        HEADER + 'msgid "Computed"\nmsgstr "Hitungan"\n\nmsgid ""\n"Comp"\n"uted"\n'
        'msgstr "Hasil hitungan"\n\nmsgid "Other"\nmsgstr "Lain"\n',
        encoding="utf-8",
    )
    _data, problems = messages_script().compiled(po)
    assert len(problems) == 1 and "entered twice" in problems[0] and "'Computed'" in problems[0]


def test_the_project_catalogue_has_no_repeated_msgid():
    module = messages_script()
    for po in sorted(module.LOCALE_DIR.glob("*/LC_MESSAGES/django.po")):
        _data, problems = module.compiled(po)
        assert not [p for p in problems if "entered twice" in p]
