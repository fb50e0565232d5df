# Reference figures for pairwise deletion with ordered items (issue 13): lavaan's
# missing = "pairwise" with estimator = "WLSMV" — thresholds from each item's answered rows,
# polychoric correlations from pairwise-complete rows, and the asymptotic covariance Γ (NACOV,
# lavaan's muthen1984 with missing scores counted as zero). lavaan 0.6-14, R 4.2.2.
# Run in this folder: Rscript ordinal_pairwise.R  (writes ../alliance_pairwise.csv and ordinal_pairwise.json)
suppressMessages({library(lavaan); library(jsonlite)})
al <- read.csv("../alliance_en_nb.csv")
items <- paste0("i", 1:12)
# plant 10% more missing answers (MCAR) on top of the example's own, so that pairwise and
# listwise deletion differ clearly (listwise keeps about a quarter of the rows)
set.seed(13)
x <- al[, c("id", items)]
for (v in items) x[[v]][runif(nrow(x)) < 0.10] <- NA
write.csv(x, "../alliance_pairwise.csv", row.names = FALSE, na = "")
out <- list(versions = list(lavaan = as.character(packageVersion("lavaan")), R = R.version.string),
            default_missing = lavOptions("missing"))
g <- cfa("goal =~ i1 + i2 + i3 + i4", x, ordered = items[1:4], estimator = "WLSMV", missing = "pairwise")
ss <- lavInspect(g, "sampstat")
out$goal4 <- list(n = lavInspect(g, "nobs"), thresholds = unname(ss$th), correlations = unname(ss$cov),
                  gamma = unname(lavInspect(g, "gamma")))
mal <- "goal =~ i1 + i2 + i3 + i4; task =~ i5 + i6 + i7 + i8; bond =~ i9 + i10 + i11 + i12"
f3 <- cfa(mal, x, ordered = items, estimator = "WLSMV", missing = "pairwise")
pe <- parameterEstimates(f3)
pe <- pe[pe$op %in% c("=~", "~~"), ]
out$alliance3 <- list(
  n = lavInspect(f3, "nobs"),
  fit = as.list(fitMeasures(f3, c("chisq", "df", "chisq.scaled", "df.scaled", "pvalue.scaled",
                                  "cfi.scaled", "tli.scaled", "rmsea.scaled", "srmr"))),
  parameters = data.frame(lhs = pe$lhs, op = pe$op, rhs = pe$rhs, est = pe$est, se = pe$se))
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = FALSE), "ordinal_pairwise.json")
