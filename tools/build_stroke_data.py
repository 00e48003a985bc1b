"""Build the stroke tables that the 姓氏笔画 orderings ship with (honours/orderings/data/).

Run it only when a source changes; the tables it writes are committed. Sources, all fetched by
package name from registries (see honours/orderings/data/PROVENANCE.md for versions and licences):

    npm pack cnchar-order@3.2.6 cnchar-trad@3.2.6          # MIT: GF stroke orders (simplified, traditional)
    apt-get download rime-data-stroke unicode-data          # LGPL-3: CNS 11643 五笔画 codes; Unicode: Unihan

    python tools/build_stroke_data.py cnchar-order-3.2.6.tgz cnchar-trad-3.2.6.tgz \
        /usr/share/rime-data/stroke.dict.yaml /usr/share/unicode

Each table row is a character and its stroke-shape sequence in the five classes of the
standard (1 横/提, 2 竖/竖钩, 3 撇, 4 点/捺, 5 折); the number of digits is the stroke count.
"""
from __future__ import annotations

import bz2
import json
import re
import sys
import tarfile
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "honours" / "orderings" / "data"

# cnchar names 26 stroke shapes with letters; the standard folds them into five classes:
# 提 counts as 横, 竖钩 as 竖, 捺 (and cnchar's second dot shape) as 点, every turning stroke as 折.
CNCHAR_CLASS = {"j": "1", "i": "1", "f": "2", "g": "2", "s": "3", "k": "4", "l": "4", "d": "4"}
RIME_CLASS = {"h": "1", "s": "2", "p": "3", "n": "4", "z": "5"}

# Where cnchar's sequence contradicts the standard's stroke count or the character's parts
# (checked by hand against its components); the standard's sequence wins.
CORRECTIONS = {
    "德": "332122522114544",  # 彳 332 + 十 12 + 罒 25221 + 一 1 + 心 4544
    "皙": "1234331232511",  # 析 12343312 + 白 32511 (cnchar drops a stroke)
    "炽": "433425134",  # 火 4334 + 只 25134
}


# Simplified radicals, as the parts they replace in a traditional character's sequence
# (mainland stroke orders). Used to derive the few characters of 通用规范汉字表 that were encoded
# too late for either source, from their traditional forms: 𬭛 from 𨨏 with 钅 for 金.
RADICALS = {
    "120'": ("554444", "551"),  # 糸 → 纟
    "149'": ("4111251", "45"),  # 言 → 讠
    "159'": ("1251112", "1512"),  # 車 → 车
    "167'": ("34112431", "31115"),  # 金 → 钅
    "169'": ("25112511", "425"),  # 門 → 门
    "181'": ("132511134", "132534"),  # 頁 → 页
    "187'": ("1211254444", "1215"),  # 馬 → 马 (as a side: 横折 竖折折钩 横)
    "195'": ("35251214444", "35251211"),  # 魚 → 鱼
    "196'": ("32511154444", "35451"),  # 鳥 → 鸟
    "211'": ("212134341343452", "21213452"),  # 齒 → 齿
}
# Written out by hand where no source has the character or its traditional form.
BY_HAND = {
    "𬌗": "1523341251",  # 牙 1523 + 合 341251 (咬𬌗)
}


def cnchar_table(tgz: Path) -> dict[str, str]:
    """Return {character: sequence} from a cnchar package, whose data is JSON inside its bundle."""
    with tarfile.open(tgz) as archive:
        bundle = next(m for m in archive.getmembers() if m.name.endswith(".min.js"))
        text = archive.extractfile(bundle).read().decode("utf-8")
    for blob in re.findall(r"JSON\.parse\('(.*?)'\)", text, re.S):
        table = json.loads(blob)
        if len(table) > 1000 and all(isinstance(v, str) and v.isalpha() and v.islower() for v in table.values()):
            return {char: "".join(CNCHAR_CLASS.get(letter, "5") for letter in letters) for char, letters in table.items()}
    raise SystemExit(f"{tgz}: no stroke-order table found")


def rime_codes(path: Path) -> dict[str, list[str]]:
    """Return {character: [sequence, ...]}: the CNS 11643 code first, then the mainland one if it differs."""
    codes: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and len(parts[0]) == 1 and parts[1] and set(parts[1]) <= set(RIME_CLASS):
            codes.setdefault(parts[0], []).append("".join(RIME_CLASS[c] for c in parts[1]))
    return codes


def unihan(folder: Path, field: str, file: str) -> dict[str, str]:
    values = {}
    with bz2.open(folder / f"Unihan_{file}.txt.bz2", "rt", encoding="utf-8") as lines:
        for line in lines:
            if f"\t{field}\t" in line:
                code, _, value = line.rstrip("\n").split("\t")
                values[chr(int(code[2:], 16))] = value
    return values


def main(order_tgz: str, trad_tgz: str, rime_dict: str, unihan_dir: str) -> None:
    simplified = cnchar_table(Path(order_tgz)) | CORRECTIONS
    traditional = cnchar_table(Path(trad_tgz))
    rime = rime_codes(Path(rime_dict))
    folder = Path(unihan_dir)
    general = unihan(folder, "kTGH", "OtherMappings")  # 通用规范汉字表 (2013), 8,105 characters
    counts = {c: [int(n) for n in v.split()] for c, v in unihan(folder, "kTotalStrokes", "IRGSources").items()}

    wanted = set(general) | set(simplified) | set(traditional)
    wanted |= {chr(cp) for cp in range(0x4E00, 0xA000)} | {chr(cp) for cp in range(0x3400, 0x4DC0)}

    cnchar_rows = {c: s for c, s in (traditional | simplified).items()}
    cns_rows: dict[str, tuple[str, str]] = {}
    for char in sorted(wanted):
        codes = rime.get(char, [])
        hans = cnchar_rows.get(char)
        own_hans = ""
        if hans is None and codes:
            # The mainland count (Unihan's first kTotalStrokes value) picks among the codes; the
            # mainland code is listed last.
            fitting = [c for c in codes if len(c) == counts.get(char, [0])[0]]
            own_hans = (fitting or codes)[-1]
            hans = own_hans
        hant = codes[0] if codes else ""
        if hant == hans:
            hant = ""
        if own_hans or hant:
            cns_rows[char] = (own_hans or "-", hant or "-")

    derive_late_characters(cns_rows, cnchar_rows, rime, counts, folder, general)
    write(DATA / "strokes-cnchar.tsv", "cnchar-order 3.2.6 and cnchar-trad 3.2.6 (MIT)",
          (f"{c}\t{s}" for c, s in sorted(cnchar_rows.items())))
    write(DATA / "strokes-cns.tsv", "rime-data-stroke (rime-stroke, CNS 11643 五笔画; LGPL-3)",
          (f"{c}\t{h}\t{t}" for c, (h, t) in sorted(cns_rows.items())))

    resolved = {c: cnchar_rows.get(c) or (cns_rows[c][0] if c in cns_rows and cns_rows[c][0] != "-" else None)
                for c in wanted}
    missing = sorted(c for c in general if not resolved.get(c))
    off = sorted(c for c, s in resolved.items() if s and c in general and len(s) not in counts.get(c, [len(s)]))
    print(f"simplified-standard characters: {len(general)}, without a sequence: {len(missing)} {''.join(missing)}")
    print(f"sequences whose length differs from Unihan kTotalStrokes: {len(off)} {''.join(off)}")
    print(f"rows: cnchar {len(cnchar_rows)}, cns {len(cns_rows)}")


def derive_late_characters(cns_rows, cnchar_rows, rime, counts, folder, general) -> None:
    """Derive a sequence for characters no source has, from their traditional form, keeping only
    results whose length is the character's Unihan stroke count."""
    traditional = unihan(folder, "kTraditionalVariant", "Variants")
    simplified_of = unihan(folder, "kSimplifiedVariant", "Variants")
    radical = unihan(folder, "kRSUnicode", "IRGSources")
    known = lambda c: cnchar_rows.get(c) or (rime.get(c) or [None])[-1]  # noqa: E731
    # Component pairs (單 → 单) with the parts' own sequences, longest first, for parts that are not radicals.
    parts = sorted(((known(t), known(chr(int(v.split()[0][2:], 16)))) for t, v in simplified_of.items()
                    if len(t) == 1 and known(t) and len(known(t)) >= 4),
                   key=lambda pair: -len(pair[0]))
    for char in sorted(general):
        if char in cnchar_rows or char in cns_rows:
            continue
        if char in BY_HAND:
            cns_rows[char] = (BY_HAND[char], "-")
            continue
        forms = [chr(int(v[2:], 16)) for v in traditional.get(char, "").split()]
        source = known(forms[0]) if forms else None
        if not source:
            continue
        candidates = []
        rs = radical.get(char, "").split()[0] if radical.get(char) else ""
        rad = RADICALS.get(rs.split(".")[0])
        starts = [source]
        if rad and rad[0] in source:
            starts.insert(0, source.replace(rad[0], rad[1], 1))
        for start in starts:  # the radical alone, then with one more simplified part (錀: 钅 and 仑)
            if start is not source:
                candidates.append(start)
            candidates += [start.replace(old, new, 1) for old, new in parts if new and old in start]
        fitting = [c for c in candidates if len(c) in counts.get(char, [])]
        if fitting:
            cns_rows[char] = (fitting[0], "-")


def write(path: Path, source: str, rows) -> None:
    header = (f"# Stroke-shape sequences (1 横 2 竖 3 撇 4 点 5 折), derived from {source}.\n"
              "# Built by tools/build_stroke_data.py; provenance and licence: PROVENANCE.md beside this file.\n")
    path.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])
