# Reference figures for psym-sem's UΓ-based robust tests under ML with complete data
# (test = "satorra.bentler", "mean.var.adjusted", "scaled.shifted"), the same traces that the
# WLSMV estimator's tests are built from. lavaan and R as Debian's r-cran-lavaan.
# Run in this folder: Rscript robust_tests.R -> writes robust_tests.json
suppressMessages({library(lavaan); library(jsonlite)})
R <- list()
R$versions <- list(lavaan = as.character(packageVersion("lavaan")), R = R.version.string)
hs <- read.csv("../HolzingerSwineford1939.csv")
hs_model <- "visual =~ x1 + x2 + x3; textual =~ x4 + x5 + x6; speed =~ x7 + x8 + x9"
keys <- c("chisq", "df", "chisq.scaled", "df.scaled", "pvalue.scaled", "chisq.scaling.factor",
          "baseline.chisq.scaled", "baseline.df.scaled", "baseline.chisq.scaling.factor",
          "cfi.scaled", "tli.scaled", "rmsea.scaled", "cfi.robust", "tli.robust", "rmsea.robust")
record <- function(...) {
  fit <- cfa(hs_model, hs, ...)
  t <- lavInspect(fit, "test")[[2]]
  list(fit = as.list(fitMeasures(fit, keys)),
       test = list(stat = t$stat, df = t$df, scaling.factor = t$scaling.factor,
                   shift.parameter = if (is.null(t$shift.parameter)) NA else t$shift.parameter,
                   trace.UGamma = t$trace.UGamma,
                   trace.UGamma2 = if (is.null(t$trace.UGamma2)) NA else t$trace.UGamma2))
}
for (test in c("satorra.bentler", "mean.var.adjusted", "scaled.shifted")) {
  R[[paste0("hs_", gsub(".", "_", test, fixed = TRUE))]] <- record(test = test)
  R[[paste0("hs_", gsub(".", "_", test, fixed = TRUE), "_school")]] <-
    record(test = test, group = "school")
}
writeLines(toJSON(R, auto_unbox = TRUE, digits = NA, na = "null", pretty = TRUE), "robust_tests.json")
