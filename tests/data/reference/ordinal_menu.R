# Reference figures for `psym cfa --ordered all --instrument-models` (issue 13): the four competing
# models instruments/open-alliance-12.json declares (one-factor, two-factor bond vs task+goal,
# three-factor, orthogonal bifactor), each fitted by lavaan's WLSMV with every item ordered, on the
# complete rows (dropped before lavaan sees the data, as in ordinal.R: lavaan refuses a category
# that listwise deletion empties). lavaan 0.6-14, R 4.2.2 (Debian packages).
# Run in this folder: Rscript ordinal_menu.R -> writes ordinal_menu.json
suppressMessages({library(lavaan); library(jsonlite)})
al <- read.csv("../alliance_en_nb.csv")
items <- paste0("i", 1:12)
complete <- al[complete.cases(al[, items]), ]
goal <- "i1 + i2 + i3 + i4"; task <- "i5 + i6 + i7 + i8"; bond <- "i9 + i10 + i11 + i12"
models <- list(
  "one-factor" = list(syntax = paste("alliance =~", goal, "+", task, "+", bond), orthogonal = FALSE),
  "two-factor" = list(syntax = paste("bond =~", bond, "\n taskgoal =~", task, "+", goal), orthogonal = FALSE),
  "three-factor" = list(syntax = paste("goal =~", goal, "\n task =~", task, "\n bond =~", bond), orthogonal = FALSE),
  "bifactor" = list(syntax = paste("general =~", goal, "+", task, "+", bond, "\n goal =~", goal, "\n task =~", task,
                                   "\n bond =~", bond), orthogonal = TRUE))
fits <- list()
out <- list(versions = list(lavaan = as.character(packageVersion("lavaan")), R = R.version.string))
for (m in names(models)) {
  f <- cfa(models[[m]]$syntax, complete, ordered = items, estimator = "WLSMV", orthogonal = models[[m]]$orthogonal)
  fits[[m]] <- f
  out[[m]] <- c(list(n = lavInspect(f, "nobs"), converged = lavInspect(f, "converged")),
                as.list(fitMeasures(f, c("chisq", "df", "chisq.scaled", "df.scaled", "pvalue.scaled", "cfi.scaled",
                                         "tli.scaled", "rmsea.scaled", "srmr"))))
}
# the scaled-and-shifted difference tests of the comparison table (lavTestLRT's default for WLSMV,
# method = "satorra.2000"): models sorted by df, each against the one before it
lrt <- lavTestLRT(fits[["bifactor"]], fits[["three-factor"]], fits[["two-factor"]], fits[["one-factor"]])
# (the first model has no test: its entries are left out)
out$lrt <- list(model = c("bifactor", "three-factor", "two-factor", "one-factor"), df = lrt$Df,
                chisq_diff = lrt$`Chisq diff`[-1], df_diff = lrt$`Df diff`[-1], pvalue = lrt$`Pr(>Chisq)`[-1])
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "ordinal_menu.json")
