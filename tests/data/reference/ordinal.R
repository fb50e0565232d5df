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
writeLines(toJSON(R, auto_unbox = TRUE, digits = NA, pretty = FALSE), "ordinal.json")
