"""sinergi ingest FILE|- [--json] [--save] [--user NAME] [--source-url URL]: read a press release
or minutes (.txt, .docx, .pdf, or standard input) and propose a structured draft."""

import json
import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from sinergi.extraction.readers import UnreadableFile, read_text
from sinergi.extraction.services import analyse, save_draft


class Command(BaseCommand):
    help = (
        "Read an Indonesian press release or meeting minutes and print the proposed meeting, "
        "organisations, people, regions, quantities, programs and agreements. Nothing is saved "
        "unless --save is given, and then only as a draft for review."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .txt, .docx or .pdf file, or - for standard input")
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.add_argument("--save", action="store_true", help="save a draft for review")
        parser.add_argument("--user", help="save as this user (their role decides where)")
        parser.add_argument("--region", help="region code the draft belongs to")
        parser.add_argument("--source-url", default="", help="where the text was published")

    def handle(self, *args, **options):
        if options["file"] == "-":
            text, name = sys.stdin.read(), ""
        else:
            path = Path(options["file"])
            if not path.is_file():
                raise CommandError(f"{path}: no such file")
            try:
                text, name = read_text(path.name, path.read_bytes()), path.name
            except UnreadableFile as error:
                raise CommandError(f"{path}: {error}") from error
        if not text.strip():
            raise CommandError("The text is empty.")
        result = analyse(text)
        if options["save"]:
            user = None
            if options["user"]:
                user = get_user_model().objects.filter(username=options["user"]).first()
                if user is None:
                    raise CommandError(f"Unknown user {options['user']!r}")
            try:
                draft = save_draft(
                    text,
                    user,
                    region=options["region"],
                    source_url=options["source_url"],
                    file_name=name,
                    result=result,
                )
            except PermissionDenied as error:
                raise CommandError(str(error)) from error
            result["draft_id"] = draft.pk
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        self._summary(result)

    def _summary(self, result):
        meeting = result["meeting"]
        out = self.stdout.write
        out(f"Meeting: {meeting['date'] or '?'} — {meeting['place'] or '?'} — {meeting['topic']}")
        for org in result["organizations"]:
            matched = f" [#{org['matched_id']}]" if org.get("matched_id") else " [new]"
            out(
                f"Organisation: {org['name']}"
                + (f" ({org['acronym']})" if org["acronym"] else "")
                + matched
            )
        for person in result["people"]:
            out(f"Person: {person['name']} — {person['position'] or ''}")
        for region in result["regions"]:
            out(f"Region: {region['name']} [{region['code']}] {region['role']}")
        for quantity in result["quantities"]:
            out(
                f"Quantity: {quantity['value']} {quantity['unit']} "
                f"({quantity['meaning']}): {quantity['text']}"
            )
        for program in result["programs"]:
            out(f"Program: {program['name']}")
        for agreement in result["agreements"]:
            out(f"Agreement: {agreement['text']}")
        if "draft_id" in result:
            out(f"Saved draft #{result['draft_id']} for review.")
