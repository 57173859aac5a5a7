import pytest
from hypothesis import given
from hypothesis import strategies as st

from xjtrack.core.quantity import IncomparableUnits, QuantityError, parse_quantity, parse_unit


@pytest.mark.parametrize(
    "text, value, unit, comparator, cumulative",
    [
        ("7%左右", 7, "%", "~", False),
        ("约7%", 7, "%", "~", False),
        ("≥9627公里", 9627, "公里", ">=", False),
        ("[220以上]万人", 220, "万人", ">=", True),
        ("[220]万人", 220, "万人", "=", True),
        ("4.5%以内", 4.5, "%", "<=", False),
        ("1万公里", 1, "万公里", "=", False),
        ("9500公里以上", 9500, "公里", ">=", False),
        ("突破9500公里", 9500, "公里", ">=", False),
        ("超过1100亿元", 1100, "亿元", ">=", False),
        ("不低于95%", 95, "%", ">=", False),
        ("不少于6部", 6, "部", ">=", False),
        ("不超过3%", 3, "%", "<=", False),
        ("控制在5.5%以内", 5.5, "%", "<=", False),
        ("控制在3%左右", 3, "%", "~", False),
        ("控制在 11.6‰", 11.6, "‰", "<=", False),
        ("达到13078亿元", 13078, "亿元", "=", False),
        ("4.8万余户", 4.8, "万户", ">=", False),
        ("6 . 5 %左 右", 6.5, "%", "~", False),  # PDF text: spaces inside numbers and words
        ("1 000万千瓦", 1000, "万千瓦", "=", False),
        ("[-1.68]%", -1.68, "%", "=", True),
        ("−13.4%", -13.4, "%", "=", False),
        ("[10]个百分点", 10, "个百分点", "=", True),
        ("0.57", 0.57, "", "=", False),
        ("1,200万吨", 1200, "万吨", "=", False),
        ("320亿斤以上", 320, "亿斤", ">=", False),
        ("196.8亿美元", 196.8, "亿美元", "=", False),
        ("1.2万亿元", 1.2, "万亿元", "=", False),
        ("8240万千瓦", 8240, "万千瓦", "=", False),
        ("1800亿千瓦时", 1800, "亿千瓦时", "=", False),
        ("500公斤/亩", 500, "公斤/亩", "=", False),
    ],
)
def test_reads_quantities_as_written(text, value, unit, comparator, cumulative):
    q = parse_quantity(text)
    assert (q.value, q.unit.text, q.comparator, q.cumulative) == (value, unit, comparator, cumulative)


@pytest.mark.parametrize(
    "text, value, high, unit, comparator, numeral",
    [
        ("突破千亿元", 1000, None, "亿元", ">=", "千亿"),
        ("七千", 7000, None, "", "=", "七千"),
        ("两万人", 2, None, "万人", "=", "两万"),
        ("翻一番", 2, None, "倍", "=", "翻一番"),
        ("翻两番", 4, None, "倍", "=", "翻两番"),
        ("2至3个百分点", 2, 3, "个百分点", "=", ""),
        ("2%-3%", 2, 3, "%", "=", ""),
        ("１２３亿元", 123, None, "亿元", "=", ""),
        ("30多个", 30, None, "个", ">=", ""),
    ],
)
def test_reads_chinese_numerals_ranges_and_doubling(text, value, high, unit, comparator, numeral):
    q = parse_quantity(text)
    assert (q.value, q.high, q.unit.text, q.comparator, q.numeral) == (value, high, unit, comparator, numeral)


def test_a_quota_from_above_has_no_number():
    q = parse_quantity("控制在国家下达指标内")
    assert q.value is None and q.comparator == "<="


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "empty quantity"),
        ("全部完成", "has no number"),
        ("7%左右以上", "contradict"),
        ("[220万人", "unbalanced"),
        ("220]万人", r"\[ \] must enclose"),
        ("220万只羊", "unknown unit '万只羊'"),
        ("13078亿日元", "unknown unit"),
        ("约", "has no number"),
        ("7>398公里", "never inside a number"),
        ("13以上078亿元", "never inside a number"),
        ("1２3亿元", "mixes the digits of two scripts"),
        ("9" * 401, "the number is too large"),
        ("3至2个百分点", "from the lower number to the higher"),
        ("2%至3个百分点", "same unit"),
    ],
)
def test_rejects_what_it_cannot_read(text, message):
    with pytest.raises(QuantityError, match=message):
        parse_quantity(text)


@pytest.mark.parametrize(
    "value, unit, to, expected",
    [
        (1, "万公里", "公里", 10000),
        (320, "亿斤", "万吨", 1600),
        (1600, "万吨", "亿斤", 320),
        (412, "万公顷", "万亩", 6180),
        (1.38, "万亿元", "亿元", 13800),
        (11.6, "‰", "%", 1.16),
        (2, "公斤/亩", "斤/亩", 4),
    ],
)
def test_converts_inside_a_unit_family(value, unit, to, expected):
    assert parse_unit(unit).convert(value, parse_unit(to)) == pytest.approx(expected)


@pytest.mark.parametrize("a, b", [("亿元", "亿美元"), ("万千瓦", "亿千瓦时"), ("%", "百分点"), ("万人", "万人次")])
def test_refuses_to_convert_across_families(a, b):
    with pytest.raises(IncomparableUnits):
        parse_unit(a).convert(1, parse_unit(b))


@given(st.decimals(min_value=-10**6, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
       st.sampled_from(["亿元", "%", "万人", "公里", ""]),
       st.sampled_from(["", "左右", "以上", "以内"]))
def test_any_written_number_reads_back(number, unit, qualifier):
    q = parse_quantity(f"{number}{unit}{qualifier}")
    assert q.value == pytest.approx(float(number))
    assert q.unit.text == unit
    assert q.comparator == {"": "=", "左右": "~", "以上": ">=", "以内": "<="}[qualifier]
