"""Places: named geographic locations from the place gazetteer, kept as compounds when written so.

Not places: 四川, 四川省, 全省, 我省, generic areas, the jurisdiction inside a government body's name
(凉山州司法局), names inside registered enterprise names and inside 《》 titles. A place that prefixes a
destination facility (赴遂宁青青血液透析中心, 广安新桥化工园区) does count, as does the location part of a
project phrase (凉山州盐源县后龙山风电项目).
"""
import re

from kg.parsing import title_spans

NOT_PLACES = {"四川", "四川省", "全省", "我省", "本省", "省内", "全国", "中国"}
# Facility words: a place written right before one of these names where the thing is.
FACILITY = re.compile(r"^[\u4e00-\u9fff]{0,10}?(?:园区|中心|工程|项目|库区|航道|电站|水电站|站|城|基地|港|机场|口岸)")
# Regional words that follow a place and stay part of it (金沙江乌东德库区, 川渝地区).
PLACE_TAIL = re.compile(r"(?:地区|片区|库区|流域|经济圈|双城经济圈)")


class PlaceFinder:
    def __init__(self, gazetteer):
        self.gaz = gazetteer

    def written(self, text):
        """The gazetteer place names written in `text` (regex matches, leftmost-longest): what `find` starts from."""
        return list(self.gaz.place_pattern.finditer(text))

    def find(self, text, org_mentions, written=None, names=()):
        """Place names of `text` in order, deduplicated; adjacent city + county joined (凉山州喜德县).

        `written` is what `self.written(text)` returns, when the caller has it already. `names` are the persons
        named in `text`: a place inside one, wherever the name is written, is part of it (副厅长韩国, 韩国要求)."""
        hidden = title_spans(text)  # inside a title or a name
        hidden += [(m.start(), m.end()) for name in names for m in re.finditer(re.escape(name), text)]
        blocked = [(o.start, o.end, o) for o in org_mentions]
        spans = []
        for m in self.written(text) if written is None else written:
            start, end, name = m.start(), m.end(), m.group(0)
            if name in NOT_PLACES or any(s <= start < e for s, e in hidden):
                continue
            inside = next((o for s, e, o in blocked if s <= start and end <= e), None)
            if inside is not None and not self._facility_prefix(inside, start):
                continue
            if spans and spans[-1][1] == start and self.gaz.places.get(name) == "county":
                spans[-1] = (spans[-1][0], end)
                continue
            spans.append((start, end))
        out = []
        for start, end in spans:
            tail = PLACE_TAIL.match(text, end)
            name = text[start:tail.end()] if tail else text[start:end]
            if name not in out and name not in NOT_PLACES:
                out.append(name)
        return out

    @staticmethod
    def _facility_prefix(org, start):
        """A place at the very start of a non-government facility's name (遂宁 in 遂宁青青血液透析中心)."""
        return start == org.start and org.kind in ("hospital",) and org.level == "other"
