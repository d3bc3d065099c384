"""The API's JSON bodies, with a depth limit: a body nested thousands of levels deep made the
parser raise RecursionError (an HTTP 500); now it answers 400 with the reason."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 32  # Sinergi's own bodies are three levels deep ({"values": [{...}]})


def depth(data) -> int:
    """How deeply lists and objects nest in `data` (a scalar is 0), without recursion."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, level = stack.pop()
        children = value.values() if isinstance(value, dict) else value
        if isinstance(value, dict | list):
            deepest = max(deepest, level)
            if level <= MAX_DEPTH:
                stack.extend((child, level + 1) for child in children)
    return deepest


class LimitedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise ParseError(self.too_deep()) from exc
        if depth(data) > MAX_DEPTH:
            raise ParseError(self.too_deep())
        return data

    @staticmethod
    def too_deep() -> str:
        return _("The JSON body nests lists or objects more than %(limit)s levels deep; send a "
                 "flatter body.") % {"limit": MAX_DEPTH}  # fmt: skip
