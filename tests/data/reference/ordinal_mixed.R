# Reference figures for mixed ordered and continuous variables with WLSMV (issue 13,
# `--ordered "i1 i2 ..."` naming a proper subset): lavaan's two-step sample statistics for mixed
# data (lav_samplestats_step1/step2, muthen1984: thresholds of the ordered items, means and
# variances of the numeric ones, polychoric, polyserial and Pearson correlations, their
# asymptotic covariance Γ) and the WLSMV fit in the delta (and once the theta) parameterisation. lavaan 0.6-14,
# polycor 0.8-1, R 4.2.2.
# Run in this folder: Rscript ordinal_mixed.R  (writes ../alliance_mixed.csv and ordinal_mixed.json)
suppressMessages({library(lavaan); library(jsonlite); library(polycor)})
al <- read.csv("../alliance_en_nb.csv")
items <- paste0("i", 1:12)
# a continuous 0-100 "slider" made reproducibly from the goal items: a noisy goal sum score,
# rescaled to 0-100 and rounded to one decimal
set.seed(1313)
goal <- rowSums(al[, c("i1", "i2", "i3", "i4")])
raw <- goal + rnorm(nrow(al), sd = 3)
slider <- round(100 * (raw - min(raw, na.rm = TRUE)) / diff(range(raw, na.rm = TRUE)), 1)
x <- data.frame(al[, c("id", items)], slider = slider)
write.csv(x, "../alliance_mixed.csv", row.names = FALSE, na = "")
out <- list(versions = list(lavaan = as.character(packageVersion("lavaan")),
                            polycor = as.character(packageVersion("polycor")), R = R.version.string))
stats_of <- function(fit) {
  ss <- lavInspect(fit, "sampstat")
  list(n = lavInspect(fit, "nobs"), wls_obs = unname(lavInspect(fit, "wls.obs")),
       cov = unname(ss$cov), mean = unname(ss$mean), th = unname(ss$th),
       gamma = unname(lavInspect(fit, "gamma")))
}
# standardizedSolution()'s est.std (std.all) in the rows of parameterEstimates()
std_all_of <- function(fit, pe) {
  ss <- standardizedSolution(fit, se = FALSE, zstat = FALSE, pvalue = FALSE, ci = FALSE)
  key <- function(d) paste(d$lhs, d$op, d$rhs)
  ss$est.std[match(key(pe), key(ss))]
}
fit_of <- function(fit) {
  pe <- parameterEstimates(fit)
  list(fit = as.list(fitMeasures(fit, c("chisq", "df", "chisq.scaled", "df.scaled", "pvalue.scaled",
                                        "cfi", "tli", "rmsea", "cfi.scaled", "tli.scaled",
                                        "rmsea.scaled", "baseline.chisq", "srmr"))),
       parameters = data.frame(lhs = pe$lhs, op = pe$op, rhs = pe$rhs, group = 1L, est = pe$est,
                               se = pe$se, std_all = std_all_of(fit, pe)))
}
# 1. the three-factor alliance model, the fourth item of each scale declared continuous
mal <- "goal =~ i1 + i2 + i3 + i4; task =~ i5 + i6 + i7 + i8; bond =~ i9 + i10 + i11 + i12"
ord3 <- setdiff(items, c("i4", "i8", "i12"))
# lavaan takes an item's categories from all rows and refuses one that listwise deletion empties
# (i2's lowest), so the incomplete rows are dropped before lavaan sees them (as ordinal.R)
complete <- function(vars) x[complete.cases(x[, vars]), ]
f3 <- cfa(mal, complete(items), ordered = ord3, estimator = "WLSMV")
out$alliance3 <- c(list(ordered = ord3), stats_of(f3), fit_of(f3))
# 1b. the same in the theta parameterisation: residual variances of the ordered items fixed at
#     1, their scale factors derived (the `~*~` rows); the continuous items are not scaled
f3t <- cfa(mal, complete(items), ordered = ord3, estimator = "WLSMV", parameterization = "theta")
out$alliance3_theta <- c(list(ordered = ord3, n = lavInspect(f3t, "nobs")), fit_of(f3t))
# 2. the goal scale with the continuous slider as a fifth indicator
g5 <- cfa("goal =~ i1 + i2 + i3 + i4 + slider", complete(c(items[1:4], "slider")), ordered = items[1:4], estimator = "WLSMV")
out$goal_slider <- c(list(ordered = items[1:4]), stats_of(g5), fit_of(g5))
# 3. polyserial correlations of the slider with i1..i4: lavaan's two-step estimate (above) and
#    polycor's full maximum likelihood (thresholds, mean, variance and rho estimated jointly) and
#    two-step ad hoc estimator (ML = FALSE, Olsson, Drasgow & Dorans 1982 eq. 24)
cc <- complete(c(items[1:4], "slider"))
out$polycor <- list(
  ml = sapply(items[1:4], function(v) polyserial(cc$slider, cc[[v]], ML = TRUE)),
  adhoc = sapply(items[1:4], function(v) polyserial(cc$slider, cc[[v]], ML = FALSE)))
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = FALSE), "ordinal_mixed.json")
