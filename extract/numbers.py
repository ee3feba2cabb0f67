"""Numbers as written -> exact Decimal: "26,170", "21.77", "三千五百", "一万零五十"."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from .rules import RuleSet


def parse_arabic(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def parse_chinese(text: str, rules: RuleSet) -> Optional[Decimal]:
    """Value of a Chinese numeral, or None when the characters do not form one.

    Digit-by-digit years (二〇二五) read positionally; otherwise sections split
    on 亿/万 and each section is digits times 千/百/十, with 零 as a filler.
    """
    digits, powers, sections = rules.cn_digits, rules.cn_powers, rules.cn_sections
    if not text or not any(c in digits or c in powers for c in text):
        return None
    if all(c in digits for c in text):
        if len(text) == 1:
            return Decimal(digits[text])
        # 二〇二五: positional only when 〇/零 marks it as such; 一一 is not a number.
        if len(text) >= 3 and any(c in "〇零" for c in text):
            return Decimal("".join(str(digits[c]) for c in text))
        return None
    if not any(c in digits for c in text) and text[0] not in ("十", "拾"):
        return None  # 千, 百万: a multiplier alone is not a number
    total = Decimal(0)
    section = Decimal(0)
    digit: Optional[int] = None
    last_power = 10 ** 9
    biggest = 0
    prev_section = 10 ** 12
    for c in text:
        if c in digits:
            if digit is not None and digits[c] != 0:
                return None  # two digits in a row: 三五百
            digit = digits[c] if digits[c] != 0 else None
            if digits[c] == 0:
                last_power = 10 ** 9  # 零 resets the expected order
        elif c in powers:
            p = powers[c]
            if p >= last_power:
                return None  # 十十, 百千
            section += Decimal(digit if digit is not None else 1) * p
            digit, last_power = None, p
        elif c in sections:
            s = sections[c]
            section += digit or 0
            if section == 0 or s == prev_section:
                return None
            if s > biggest:
                total = (total + section) * s  # 一万亿
                biggest = s
            else:
                total += section * s  # 三亿五千万
            section, digit, last_power, prev_section = Decimal(0), None, 10 ** 9, s
        else:
            return None
    return total + section + (digit or 0)


def parse_number(text: str, rules: RuleSet) -> Optional[Decimal]:
    if text and text[0].isdigit():
        try:
            return parse_arabic(text)
        except ArithmeticError:
            return None
    return parse_chinese(text, rules)


def exact(d: Optional[Decimal]) -> Optional[Decimal]:
    """Drop a scale the arithmetic added (119400.00 -> 119400), keep what was printed otherwise."""
    if d is None:
        return None
    if d == d.to_integral_value():
        return d.quantize(Decimal(1))
    return d.normalize()
