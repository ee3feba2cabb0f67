"""The number layer: exact decimals and Chinese numerals."""
from decimal import Decimal

from hypothesis import given, strategies as st

from extract import extract_text, load_rules
from extract.numbers import parse_number

DIGITS = "零一二三四五六七八九"


def to_chinese(n: int) -> str:
    """Reference writer of Chinese numerals, independent of the parser."""
    def below_10000(x: int) -> str:
        out, zero = "", False
        for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = x // value % 10
            if d:
                if zero:
                    out += "零"
                out += DIGITS[d] + unit
                zero = False
            elif out:
                zero = True
        return out

    if n == 0:
        return "零"
    parts = []
    for value, unit in ((10 ** 8, "亿"), (10 ** 4, "万"), (1, "")):
        chunk = n // value % 10000
        if chunk:
            text = below_10000(chunk)
            if parts and chunk < 1000:
                text = "零" + text
            parts.append(text + unit)
        elif parts and n % value:
            parts.append("")
    s = "".join(parts)
    return s


@given(st.integers(min_value=1, max_value=10 ** 11))
def test_chinese_numerals_round_trip(n):
    assert parse_number(to_chinese(n), load_rules()) == n


def test_decimals_survive_exactly():
    recs = extract_text("完成恢复灌溉面积3.26万亩,资助金额6957.43万元,新增0.1万人。").records
    assert [str(r.value) for r in recs] == ["3.26", "6957.43", "0.1"]
    assert [str(r.value_std) for r in recs] == ["32600", "69574300", "1000"]


def test_json_numbers_are_exact():
    from extract.output.write import to_dict

    r = extract_text("完成补充配置电脑5698台,完成全年任务的21.77%").records[0]
    d = to_dict(r)
    assert d["percent"] == 21.77 and repr(d["percent"]) == "21.77" and d["value"] == 5698
    assert Decimal(str(d["percent"])) == Decimal("21.77")
