import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aimaq.indicators.classification import SCHEMES, classify

values = st.lists(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False),
    min_size=1,
    max_size=300,
)


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(values=values, scheme=st.sampled_from(SCHEMES), k=st.integers(min_value=2, max_value=7))
def test_every_value_falls_in_exactly_one_class(values, scheme, k):
    result = classify(values, scheme=scheme, k=k)
    assert len(result.classes) == len(values)
    assert 1 <= result.k <= k
    for value, klass in zip(values, result.classes, strict=True):
        containing = [
            i
            for i, (lower, upper) in enumerate(result.bounds)
            if (lower <= value if i == 0 else lower < value) and value <= upper
        ]
        assert containing == [klass]


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(values=values, scheme=st.sampled_from(SCHEMES), k=st.integers(min_value=2, max_value=7))
def test_classes_are_ordered_and_none_is_empty(values, scheme, k):
    result = classify(values, scheme=scheme, k=k)
    uppers = [upper for _lower, upper in result.bounds]
    assert uppers == sorted(uppers) and len(set(uppers)) == len(uppers)
    assert set(result.classes) == set(range(result.k))
    # a larger value never sits in a lower class
    pairs = sorted(zip(values, result.classes, strict=True))
    assert [c for _v, c in pairs] == sorted(c for _v, c in pairs)


def test_natural_breaks_are_deterministic_on_large_inputs():
    data = [((i * 7919) % 1000) / 10 for i in range(2500)]
    first = classify(data, scheme="natural_breaks", k=5)
    assert classify(data, scheme="natural_breaks", k=5) == first
    assert first.k == 5


def test_natural_breaks_find_obvious_groups():
    result = classify([1, 2, 3, 50, 51, 52, 100, 101], scheme="natural_breaks", k=3)
    assert result.classes == [0, 0, 0, 1, 1, 1, 2, 2]


def test_unknown_scheme_refused():
    with pytest.raises(ValueError):
        classify([1.0, 2.0], scheme="jenks-ish")


def test_single_value_is_one_class():
    result = classify([4.0, 4.0, 4.0], scheme="quantiles", k=5)
    assert result.k == 1 and result.classes == [0, 0, 0]
