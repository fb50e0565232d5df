# Reference figures for lavaan's robust fit measures of ordinal fits (issue 13): fitMeasures()'s
# cfi.robust, tli.robust, rmsea.robust with its interval and p values for WLSMV and ULSMV
# (lavaan's lav_fit_catml_dwls, Savalei 2021: the ML discrepancy of the polychoric matrix at the
# DWLS estimates, "catML", with its own scaling from Γ), and the intermediate figures of that
# computation (XX3, df3, c.hat3, XX3.null, c.hat3.null). One group: the three-factor alliance
# model on the complete rows of ../alliance_en_nb.csv and, under missing = "pairwise", on
# ../alliance_pairwise.csv. Two groups: ../ordinal_groups.csv by lang, configural, with equal
# loadings, and with equal thresholds (where lavaan 0.6-14 gives NA: its catML refit keeps the
# equality constraints of the thresholds it dropped and fails).
# lavaan as Debian's r-cran-lavaan (the version is written into the JSON).
# Run in this folder: Rscript ordinal_robust.R -> writes ordinal_robust.json
suppressMessages({library(lavaan); library(jsonlite)})
robust <- c("chisq", "df", "cfi.robust", "tli.robust", "rmsea.robust", "rmsea.ci.lower.robust",
            "rmsea.ci.upper.robust", "rmsea.pvalue.robust", "rmsea.notclose.pvalue.robust")
describe <- function(fit) {
  fm <- fitMeasures(fit, robust)
  catml <- lavaan:::lav_fit_catml_dwls(fit)
  list(n = sum(lavInspect(fit, "nobs")), fit = as.list(fm),
       catml = lapply(catml, function(v) if (is.na(v)) NULL else v))
}
out <- list(versions = list(lavaan = as.character(packageVersion("lavaan")), R = R.version.string))
al <- read.csv("../alliance_en_nb.csv")
items <- paste0("i", 1:12)
mal <- "goal =~ i1 + i2 + i3 + i4; task =~ i5 + i6 + i7 + i8; bond =~ i9 + i10 + i11 + i12"
complete <- al[complete.cases(al[, items]), ]
for (est in c("WLSMV", "ULSMV")) {
  out[[paste0("alliance3_", tolower(est))]] <- describe(cfa(mal, complete, ordered = items, estimator = est))
}
pw <- read.csv("../alliance_pairwise.csv")
out$alliance3_pairwise <- describe(cfa(mal, pw, ordered = items, estimator = "WLSMV", missing = "pairwise"))
d <- read.csv("../ordinal_groups.csv")
y <- paste0("y", 1:7)
model <- "f1 =~ y1 + y2 + y3 + y4\nf2 =~ y4 + y5 + y6 + y7"
for (est in c("WLSMV", "ULSMV")) {
  out[[paste0("groups_", tolower(est))]] <- describe(cfa(model, d, ordered = y, group = "lang", estimator = est))
}
out$groups_loadings <- describe(cfa(model, d, ordered = y, group = "lang", group.equal = "loadings", estimator = "WLSMV"))
out$groups_thresholds <- describe(cfa(model, d, ordered = y, group = "lang", group.equal = "thresholds", estimator = "WLSMV"))
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE, na = "null"), "ordinal_robust.json")
