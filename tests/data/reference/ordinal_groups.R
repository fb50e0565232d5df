# Reference figures for psym's ordinal estimation with thresholds as parameters (issue 13):
# lavaan's WLSMV (DWLS, robust.sem standard errors, scaled-and-shifted test), delta
# parameterisation, on a simulated two-group 5-point data set with a cross-loading
# (written here as ../ordinal_groups.csv), for the ladder configural -> thresholds ->
# thresholds+loadings -> +intercepts -> +residuals, each with every parameter (thresholds,
# scale factors, latent means) and the fit measures lavaan reports; lavTestLRT between
# consecutive steps (its default for a scaled-shifted test: method = "satorra.2000",
# A.method = "delta"); the same with estimator = "ULSMV" (one group; two groups with equal
# thresholds), and with estimator = "DWLS" (two groups, equal thresholds). Also the one-group alliance model's thresholds with their standard
# errors. lavaan and semTools as Debian's r-cran-lavaan and r-cran-semtools.
# Run in this folder: Rscript ordinal_groups.R -> writes ../ordinal_groups.csv and
# ordinal_groups.json
suppressMessages({library(lavaan); library(semTools); library(jsonlite)})
set.seed(20261205)
simulate <- function(n, mean, var, shift) {
  phi <- matrix(c(var, 0.4, 0.4, var), 2)
  eta <- MASS::mvrnorm(n, mean, phi)
  lambda <- rbind(c(.8, 0), c(.7, 0), c(.6, 0), c(.4, .4), c(0, .8), c(0, .7), c(0, .6))
  common <- eta %*% t(lambda)
  ystar <- common + matrix(rnorm(n * 7), n) %*% diag(sqrt(1 - c(.64, .49, .36, .48, .64, .49, .36)))
  tau <- c(-1.5, -0.5, 0.4, 1.3)
  y <- sapply(1:7, function(j) findInterval(ystar[, j], tau + shift[j]) + 1)
  colnames(y) <- paste0("y", 1:7)
  y
}
g1 <- simulate(500, c(0, 0), 1, rep(0, 7))
g2 <- simulate(450, c(0.3, -0.2), 1.2, c(0, 0.3, 0, 0, 0, 0, 0))
d <- data.frame(lang = rep(c("en", "nb"), c(500, 450)), rbind(g1, g2))
write.csv(d, "../ordinal_groups.csv", row.names = FALSE, quote = FALSE)
d <- read.csv("../ordinal_groups.csv")
items <- paste0("y", 1:7)
model <- "f1 =~ y1 + y2 + y3 + y4\nf2 =~ y4 + y5 + y6 + y7"
measures <- c("chisq", "df", "pvalue", "chisq.scaled", "df.scaled", "pvalue.scaled",
              "chisq.scaling.factor", "baseline.chisq", "baseline.df", "baseline.chisq.scaled",
              "cfi", "tli", "rmsea", "cfi.scaled", "tli.scaled", "rmsea.scaled", "srmr")
describe <- function(fit) {
  pe <- parameterEstimates(fit)
  pe <- pe[pe$op != "==", ]
  if (is.null(pe$group)) pe$group <- 1L
  list(n = lavInspect(fit, "nobs"),
       fit = as.list(fitMeasures(fit, measures)),
       shift = lavInspect(fit, "test")[[2]]$shift.parameter,
       parameters = data.frame(lhs = pe$lhs, op = pe$op, rhs = pe$rhs, group = pe$group,
                               est = pe$est, se = pe$se))
}
R <- list()
R$versions <- list(lavaan = as.character(packageVersion("lavaan")), R = R.version.string)
R$one_group <- describe(cfa(model, d, ordered = items, estimator = "WLSMV"))
steps <- list(configural = "", thresholds = "thresholds",
              loadings = c("thresholds", "loadings"),
              intercepts = c("thresholds", "loadings", "intercepts"),
              residuals = c("thresholds", "loadings", "intercepts", "residuals"))
fits <- lapply(steps, function(ge) cfa(model, d, ordered = items, group = "lang",
                                       group.equal = ge, estimator = "WLSMV"))
R$steps <- lapply(fits, describe)
# ULSMV (unweighted estimates, the same robust standard errors and scaled-and-shifted test):
# one group, and by lang with equal thresholds
R$ulsmv_one_group <- describe(cfa(model, d, ordered = items, estimator = "ULSMV"))
R$ulsmv_thresholds <- describe(cfa(model, d, ordered = items, group = "lang",
                                   group.equal = "thresholds", estimator = "ULSMV"))
# DWLS (the WLSMV estimates with standard errors from the expected information and the
# standard test only), by lang with equal thresholds
dwls <- cfa(model, d, ordered = items, group = "lang", group.equal = "thresholds", estimator = "DWLS")
pe <- parameterEstimates(dwls)
pe <- pe[pe$op != "==", ]
R$dwls_thresholds <- list(
  fit = as.list(fitMeasures(dwls, c("chisq", "df", "pvalue", "baseline.chisq", "baseline.df", "cfi",
                                    "tli", "rmsea", "srmr"))),
  parameters = data.frame(lhs = pe$lhs, op = pe$op, rhs = pe$rhs, group = pe$group, est = pe$est,
                          se = pe$se))
lrt <- function(a, b) {
  t <- lavTestLRT(fits[[a]], fits[[b]])
  list(from = a, to = b, chisq_diff = t[2, "Chisq diff"], df_diff = t[2, "Df diff"],
       pvalue = t[2, "Pr(>Chisq)"])
}
R$lrt <- list(lrt("configural", "thresholds"), lrt("thresholds", "loadings"))
# The ordinal invariance ladder of Wu & Estabrook (2016) in the delta parameterisation, as
# semTools writes it (measEq.syntax, ID.cat = "Wu.Estabrook.2016", ID.fac = "std.lv": latent
# variances 1 until loadings are equal; with ID.fac = "UL" the thresholds step is not identified
# here), each step with group.equal growing, fitted by cfa() on that syntax; lavTestLRT between
# consecutive steps; fitMeasures with the scaled RMSEA interval. (semTools refuses residual
# invariance in the delta parameterisation.)
we_steps <- list(configural = "", thresholds = "thresholds",
                 metric = c("thresholds", "loadings"),
                 scalar = c("thresholds", "loadings", "intercepts"),
                 means = c("thresholds", "loadings", "intercepts", "means"))
we <- lapply(we_steps, function(ge) {
  syntax <- suppressWarnings(measEq.syntax(model, data = d, ordered = items, group = "lang",
                group.equal = ge, ID.fac = "std.lv", ID.cat = "Wu.Estabrook.2016",
                parameterization = "delta"))
  cfa(as.character(syntax), d, ordered = items, group = "lang", estimator = "WLSMV")
})
we_measures <- c(measures, "rmsea.ci.lower.scaled", "rmsea.ci.upper.scaled", "npar")
R$wu_estabrook <- lapply(we, function(f) list(fit = as.list(fitMeasures(f, we_measures)),
                                              shift = lavInspect(f, "test")[[2]]$shift.parameter))
R$wu_estabrook_lrt <- lapply(2:length(we), function(i) {
  t <- lavTestLRT(we[[i - 1]], we[[i]])
  list(from = names(we)[i - 1], to = names(we)[i], chisq_diff = t[2, "Chisq diff"],
       df_diff = t[2, "Df diff"], pvalue = t[2, "Pr(>Chisq)"])
})
al <- read.csv("../alliance_en_nb.csv")
mal <- "goal =~ i1 + i2 + i3 + i4; task =~ i5 + i6 + i7 + i8; bond =~ i9 + i10 + i11 + i12"
complete <- al[complete.cases(al[, paste0("i", 1:12)]), ]
f3 <- cfa(mal, complete, ordered = paste0("i", 1:12), estimator = "WLSMV")
pe <- parameterEstimates(f3)
pe <- pe[pe$op == "|", ]
R$alliance3_thresholds <- data.frame(lhs = pe$lhs, op = pe$op, rhs = pe$rhs, est = pe$est, se = pe$se)
writeLines(toJSON(R, auto_unbox = TRUE, digits = NA, pretty = FALSE), "ordinal_groups.json")
