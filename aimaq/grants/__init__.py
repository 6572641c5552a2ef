"""Competitions for small-entrepreneurship grants: a call and its rules, applications online
and from paper, staged gates with plain reasons, a committee scoped to its competition
(conflicts of interest, independent scoring, composition per decision), ranking and
selection within the fund, the exact best use of the fund, the signed decision and its
protocol, published results, appeals, awards and their follow-up."""
