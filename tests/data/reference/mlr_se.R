# Reference figures for psym-sem's observed information and singularity check under MLR on
# nearly singular solutions (issue 9). lavaan 0.6-14 (with numDeriv and MASS, which lavaan
# imports), R 4.2.2 (Debian's r-cran-lavaan). Run in this folder: Rscript mlr_se.R
# -> writes mlr_se.json
suppressMessages({library(lavaan); library(jsonlite)})
R <- list()
R$versions <- list(lavaan = as.character(packageVersion("lavaan")), R = R.version.string)
hs <- read.csv("../HolzingerSwineford1939.csv")

# Newton steps from lavaan's estimates to the stationary point, with the Hessian by Richardson
# extrapolation (numDeriv) of lavaan's analytic gradient, inverted over its identified
# directions (MASS::ginv), so that an unidentified model is polished too.
stationary <- function(fit) {
  lm <- fit@Model
  gradient <- function(x) lavaan:::lav_model_gradient(
    lm, GLIST = lavaan:::lav_model_x2GLIST(lm, x), lavsamplestats = fit@SampleStats,
    lavdata = fit@Data, type = "free")
  hessian <- function(x) { h <- numDeriv::jacobian(gradient, x, method = "Richardson"); (h + t(h)) / 2 }
  x <- lavaan:::lav_model_get_parameters(lm)
  for (i in 1:4) x <- x - MASS::ginv(hessian(x), tol = 1e-9) %*% gradient(x)
  ev <- eigen(hessian(x), symmetric = TRUE, only.values = TRUE)$values
  list(x = as.vector(x), gradient_max = max(abs(gradient(x))), min_relative_eigen = min(ev) / max(ev))
}
# Smallest relative eigenvalue of lavaan's own (observed or expected) information at its estimates.
relative_eigen <- function(fit) {
  ev <- eigen(lavInspect(fit, "information"), symmetric = TRUE, only.values = TRUE)$values
  min(ev) / max(ev)
}
keys <- c("chisq", "df", "chisq.scaled", "chisq.scaling.factor")
fit_warned <- function(...) {
  w <- character(0)
  f <- withCallingHandlers(cfa(...), warning = function(x) {
    w <<- c(w, conditionMessage(x)); invokeRestart("muffleWarning") })
  list(fit = f, se_warning = any(grepl("Could not compute standard errors", w)))
}
# lavaan's figures at its own estimates and at the stationary point (its estimator run with
# optim.method = "none" from the polished estimates, so that the test and the standard errors
# are lavaan's own computation there).
record <- function(model, std_lv, estimator) {
  r <- fit_warned(model, hs, std.lv = std_lv, estimator = estimator)
  f <- r$fit
  s <- stationary(f)
  pt <- parTable(f)
  pt$start[pt$free > 0] <- s$x
  pt$est[pt$free > 0] <- s$x
  polished <- suppressWarnings(cfa(pt[, c("lhs", "op", "rhs", "free", "ustart", "start", "est", "label")],
                                   hs, std.lv = std_lv, estimator = estimator,
                                   optim.method = "none", optim.force.converged = TRUE))
  p <- parameterEstimates(polished)
  out <- list(
    lavaan_default = list(fit = as.list(fitMeasures(f, intersect(keys, names(fitMeasures(f))))),
                          gradient_max = max(abs(lavInspect(f, "gradient"))),
                          min_relative_eigen = relative_eigen(f),
                          se_warning = r$se_warning),
    stationary = list(gradient_max = s$gradient_max, min_relative_eigen = s$min_relative_eigen,
                      parameters = p[, c("lhs", "op", "rhs", "est", "se")]))
  if (estimator == "mlr") out$stationary$fit <- as.list(fitMeasures(polished, keys))
  out
}

# A. Two factors with two indicators each, one of them a Heywood case (x8's residual
#    variance is negative): nearly singular but identified.
m_heywood <- "f1 =~ x1 + x2\nf2 =~ x7 + x8"
R$hs_heywood_mlr <- record(m_heywood, FALSE, "mlr")
R$hs_heywood_mlr_std_lv <- record(m_heywood, TRUE, "mlr")

# B. f2 loads on items that f1 loads on too and the factors correlate: the transformation
#    f1 -> f1 + t*f2 leaves every implied covariance unchanged, so the model is not identified.
m_unidentified <- "f1 =~ x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9\nf2 =~ x4 + x5 + x6"
for (est in c("ml", "mlr")) for (std_lv in c(FALSE, TRUE)) {
  key <- paste0("hs_unidentified_", est, if (std_lv) "_std_lv" else "")
  R[[key]] <- record(m_unidentified, std_lv, est)
}

write(toJSON(R, auto_unbox = TRUE, digits = NA, pretty = TRUE, na = "null"), "mlr_se.json")
