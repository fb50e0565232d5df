# Reference figures for psym's theta parameterisation of ordinal CFA (issue 13): lavaan's
# WLSMV (DWLS, robust.sem standard errors, scaled-and-shifted test) with
# parameterization = "theta" (residual variances of the latent responses are parameters, fixed
# to 1 in the first group; the scale factors ~*~ are derived), on
# - the three-factor alliance model, complete rows of ../alliance_en_nb.csv (as ordinal.R);
# - the two-factor model with a cross-loading on ../ordinal_groups.csv (ordinal_groups.R), one
#   group, and by lang with lavaan's group.equal steps none, thresholds, +loadings,
#   +intercepts, +residuals, with lavTestLRT between consecutive steps;
# - the same two-group data along Wu & Estabrook's (2016) ladder as semTools writes it in the
#   theta parameterisation (measEq.syntax(ID.cat = "Wu.Estabrook.2016", ID.fac = "std.lv",
#   parameterization = "theta")): configural, thresholds, metric, scalar, strict (equal
#   residual variances), means, with lavTestLRT between consecutive steps.
# Every fit reports fitMeasures, the shift parameter of the scaled-and-shifted test and
# parameterEstimates (all rows, ~*~ included). lavaan and semTools as Debian's r-cran-lavaan
# and r-cran-semtools.
# Run in this folder: Rscript ordinal_theta.R -> writes ordinal_theta.json
suppressMessages({library(lavaan); library(semTools); library(jsonlite)})
measures <- c("chisq", "df", "pvalue", "chisq.scaled", "df.scaled", "pvalue.scaled",
              "chisq.scaling.factor", "baseline.chisq", "baseline.df", "baseline.chisq.scaled",
              "cfi", "tli", "rmsea", "cfi.scaled", "tli.scaled", "rmsea.scaled", "srmr",
              "rmsea.ci.lower.scaled", "rmsea.ci.upper.scaled", "npar")
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
lrt <- function(fits, a, b) {
  t <- lavTestLRT(fits[[a]], fits[[b]])
  list(from = a, to = b, chisq_diff = t[2, "Chisq diff"], df_diff = t[2, "Df diff"],
       pvalue = t[2, "Pr(>Chisq)"])
}
R <- list()
R$versions <- list(lavaan = as.character(packageVersion("lavaan")),
                   semTools = as.character(packageVersion("semTools")), R = R.version.string)
al <- read.csv("../alliance_en_nb.csv")
mal <- "goal =~ i1 + i2 + i3 + i4; task =~ i5 + i6 + i7 + i8; bond =~ i9 + i10 + i11 + i12"
complete <- al[complete.cases(al[, paste0("i", 1:12)]), ]
R$alliance3 <- describe(cfa(mal, complete, ordered = paste0("i", 1:12), estimator = "WLSMV",
                            parameterization = "theta"))
d <- read.csv("../ordinal_groups.csv")
items <- paste0("y", 1:7)
model <- "f1 =~ y1 + y2 + y3 + y4\nf2 =~ y4 + y5 + y6 + y7"
R$one_group <- describe(cfa(model, d, ordered = items, estimator = "WLSMV",
                            parameterization = "theta"))
steps <- list(configural = "", thresholds = "thresholds",
              loadings = c("thresholds", "loadings"),
              intercepts = c("thresholds", "loadings", "intercepts"),
              residuals = c("thresholds", "loadings", "intercepts", "residuals"))
fits <- lapply(steps, function(ge) cfa(model, d, ordered = items, group = "lang",
                                       group.equal = ge, estimator = "WLSMV",
                                       parameterization = "theta"))
R$steps <- lapply(fits, describe)
R$lrt <- lapply(2:length(fits), function(i) lrt(fits, names(fits)[i - 1], names(fits)[i]))
we_steps <- list(configural = "", thresholds = "thresholds",
                 metric = c("thresholds", "loadings"),
                 scalar = c("thresholds", "loadings", "intercepts"),
                 strict = c("thresholds", "loadings", "intercepts", "residuals"),
                 means = c("thresholds", "loadings", "intercepts", "residuals", "means"))
we <- lapply(we_steps, function(ge) {
  syntax <- suppressWarnings(measEq.syntax(model, data = d, ordered = items, group = "lang",
                group.equal = ge, ID.fac = "std.lv", ID.cat = "Wu.Estabrook.2016",
                parameterization = "theta"))
  cfa(as.character(syntax), d, ordered = items, group = "lang", estimator = "WLSMV",
      parameterization = "theta")
})
R$wu_estabrook <- lapply(we, describe)
R$wu_estabrook_lrt <- lapply(2:length(we), function(i) lrt(we, names(we)[i - 1], names(we)[i]))
writeLines(toJSON(R, auto_unbox = TRUE, digits = NA, pretty = FALSE), "ordinal_theta.json")
