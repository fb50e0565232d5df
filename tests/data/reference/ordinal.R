# Reference figures for psym's ordinal sample statistics (issue 13): thresholds, polychoric
# correlations and their asymptotic covariance Γ (lavaan's NACOV, `lavInspect(fit, "gamma")`,
# N times the asymptotic covariance) from lavaan's two-step estimator (Muthén 1984) with
# missing = "listwise". lavaan and R as Debian's r-cran-lavaan.
# Run in this folder: Rscript ordinal.R -> writes ordinal.json
suppressMessages({library(lavaan); library(jsonlite)})
R <- list()
R$versions <- list(lavaan = as.character(packageVersion("lavaan")), R = R.version.string)
al <- read.csv("../alliance_en_nb.csv")
items <- paste0("i", 1:4)
fit <- cfa("goal =~ i1 + i2 + i3 + i4", al, ordered = items, estimator = "WLSMV")
ss <- lavInspect(fit, "sampstat")
G <- lavInspect(fit, "gamma")
R$goal4 <- list(n = lavInspect(fit, "nobs"), thresholds = unname(ss$th), correlations = unname(ss$cov),
                gamma = unname(G), gamma_names = colnames(G))
# The three-factor alliance model with every item ordered (WLSMV: DWLS estimates, robust
# standard errors, the scaled-and-shifted test), one group, on the complete rows: lavaan takes
# an item's categories from all rows and refuses a category that listwise deletion empties
# (i2's lowest here), so the rows are dropped before lavaan sees them.
mal <- "goal =~ i1 + i2 + i3 + i4; task =~ i5 + i6 + i7 + i8; bond =~ i9 + i10 + i11 + i12"
complete <- al[complete.cases(al[, paste0("i", 1:12)]), ]
f3 <- cfa(mal, complete, ordered = paste0("i", 1:12), estimator = "WLSMV")
pe <- parameterEstimates(f3)
pe <- pe[pe$op %in% c("=~", "~~"), ]
R$alliance3 <- list(
  n = lavInspect(f3, "nobs"),
  fit = as.list(fitMeasures(f3, c("chisq", "df", "pvalue", "chisq.scaled", "df.scaled", "pvalue.scaled",
                                  "chisq.scaling.factor", "baseline.chisq", "baseline.df",
                                  "baseline.chisq.scaled", "cfi", "tli", "rmsea", "cfi.scaled",
                                  "tli.scaled", "rmsea.scaled", "srmr"))),
  shift = lavInspect(f3, "test")[[2]]$shift.parameter,
  parameters = data.frame(lhs = pe$lhs, op = pe$op, rhs = pe$rhs, est = pe$est, se = pe$se))
writeLines(toJSON(R, auto_unbox = TRUE, digits = NA, pretty = FALSE), "ordinal.json")
