# Reference figures for psym's score tests of equality constraints across groups (issue 12):
# lavaan's lavTestScore(fit, univariate = TRUE, epc = TRUE) on group.equal fits. lavaan and R as
# Debian's r-cran-lavaan. Run in this folder: Rscript score_tests.R -> writes score_tests.json
#
# Each entry: `test` (the total score test: X2, df, p), `uni` (one row per constraint, its two
# parameters named by lhs/op/rhs/group instead of lavaan's plabels, X2, df, p) and `epc` (the
# expected parameter changes when every constraint is released, lavaan's epc table, free rows);
# `alliance_partial_scalar` adds `fit`, the fit measures of a group.partial fit.
suppressMessages({library(lavaan); library(jsonlite)})
R <- list()
R$versions <- list(lavaan = as.character(packageVersion("lavaan")), R = R.version.string)

record <- function(fit) {
  s <- lavTestScore(fit, univariate = TRUE, epc = TRUE)
  pt <- parTable(fit)
  at <- function(pl) pt[match(pl, pt$plabel), ]
  a <- at(s$uni$lhs); b <- at(s$uni$rhs)
  uni <- data.frame(lhs = a$lhs, op = a$op, rhs = a$rhs, group_a = a$group, group_b = b$group,
                    X2 = s$uni$X2, df = s$uni$df, p = s$uni$p.value)
  e <- s$epc[s$epc$free > 0, ]
  list(test = list(X2 = s$test$X2, df = s$test$df, p = s$test$p.value), uni = uni,
       epc = data.frame(lhs = e$lhs, op = e$op, rhs = e$rhs, group = e$group, est = e$est, epc = e$epc))
}

hs <- read.csv("../HolzingerSwineford1939.csv")
m3 <- "visual =~ x1 + x2 + x3; textual =~ x4 + x5 + x6; speed =~ x7 + x8 + x9"
R$hs_metric <- record(cfa(m3, hs, group = "school", group.equal = "loadings"))
R$hs_scalar <- record(cfa(m3, hs, group = "school", group.equal = c("loadings", "intercepts")))
al <- read.csv("../alliance_en_nb.csv")
mal <- "goal =~ i1 + i2 + i3 + i4; task =~ i5 + i6 + i7 + i8; bond =~ i9 + i10 + i11 + i12"
R$alliance_scalar <- record(cfa(mal, al, group = "lang", group.equal = c("loadings", "intercepts")))
R$alliance_scalar_fiml <- record(cfa(mal, al, group = "lang", group.equal = c("loadings", "intercepts"),
                                     missing = "ml"))
# The partial scalar model that `psym invariance --partial auto` reaches on the alliance example:
# its fit measures and its score tests.
partial <- c("task=~i7", "bond=~i11", "i10~1")
fp <- cfa(mal, al, group = "lang", group.equal = c("loadings", "intercepts"), group.partial = partial)
R$alliance_partial_scalar <- record(fp)
R$alliance_partial_scalar$fit <- as.list(fitMeasures(fp, c("chisq", "df", "cfi", "rmsea", "srmr")))
writeLines(toJSON(R, auto_unbox = TRUE, digits = NA, na = "null", pretty = TRUE), "score_tests.json")
