# Reference figures for the ordinal invariance ladder under pairwise deletion (issue 13):
# Wu & Estabrook's (2016) ladder in the delta parameterisation as semTools writes it
# (measEq.syntax(ID.cat = "Wu.Estabrook.2016", ID.fac = "std.lv")), each step fitted by
# cfa(..., estimator = "WLSMV", missing = "pairwise") by lang — configural, thresholds,
# metric (+ loadings), scalar (+ intercepts), means — with lavTestLRT between consecutive
# steps (its default for a scaled-and-shifted test: method = "satorra.2000", A.method =
# "delta"), on ../ordinal_groups.csv with answers deleted completely at random (written here
# as ../ordinal_groups_missing.csv). Every fit reports lavInspect(, "nobs"), fitMeasures (with
# the scaled RMSEA interval and npar), the shift of the scaled-and-shifted test and
# parameterEstimates. lavaan and semTools as Debian's r-cran-lavaan and r-cran-semtools.
# Run in this folder: Rscript ordinal_groups_pairwise.R -> writes ../ordinal_groups_missing.csv
# and ordinal_groups_pairwise.json
suppressMessages({library(lavaan); library(semTools); library(jsonlite)})
d <- read.csv("../ordinal_groups.csv")
items <- paste0("y", 1:7)
# 6% of each item's answers deleted completely at random. lavaan refuses a category that one
# group never used ("some categories of variable ... are empty in group ..."): every category
# of every item must stay used in each group among the answers (pairwise) and among the
# complete rows (listwise, the default of psym invariance, also fitted on this file)
set.seed(20260613)
every_category_used <- function(x) {
  complete <- complete.cases(x[, items])
  all(sapply(items, function(v) all(sapply(split(seq_len(nrow(x)), x$lang), function(r) {
    length(unique(na.omit(x[r, v]))) == 5 && length(unique(x[r[complete[r]], v])) == 5
  }))))
}
repeat {
  x <- d
  for (v in items) x[[v]][runif(nrow(x)) < 0.06] <- NA
  if (every_category_used(x)) break
}
write.csv(x, "../ordinal_groups_missing.csv", row.names = FALSE, quote = FALSE, na = "")
x <- read.csv("../ordinal_groups_missing.csv")
stopifnot(every_category_used(x))
model <- "f1 =~ y1 + y2 + y3 + y4\nf2 =~ y4 + y5 + y6 + y7"
measures <- c("chisq", "df", "pvalue", "chisq.scaled", "df.scaled", "pvalue.scaled",
              "chisq.scaling.factor", "baseline.chisq", "baseline.df", "baseline.chisq.scaled",
              "cfi", "tli", "rmsea", "cfi.scaled", "tli.scaled", "rmsea.scaled", "srmr",
              "rmsea.ci.lower.scaled", "rmsea.ci.upper.scaled", "npar")
describe <- function(fit) {
  pe <- parameterEstimates(fit)
  pe <- pe[pe$op != "==", ]
  list(n = lavInspect(fit, "nobs"),
       fit = as.list(fitMeasures(fit, measures)),
       shift = lavInspect(fit, "test")[[2]]$shift.parameter,
       parameters = data.frame(lhs = pe$lhs, op = pe$op, rhs = pe$rhs, group = pe$group,
                               est = pe$est, se = pe$se))
}
R <- list()
R$versions <- list(lavaan = as.character(packageVersion("lavaan")),
                   semTools = as.character(packageVersion("semTools")), R = R.version.string)
R$rows <- list(total = nrow(x), complete = sum(complete.cases(x[, items])),
               answered = sum(rowSums(!is.na(x[, items])) > 0),
               missing = as.list(colSums(is.na(x[, items]))))
we_steps <- list(configural = "", thresholds = "thresholds",
                 metric = c("thresholds", "loadings"),
                 scalar = c("thresholds", "loadings", "intercepts"),
                 means = c("thresholds", "loadings", "intercepts", "means"))
we <- lapply(we_steps, function(ge) {
  syntax <- suppressWarnings(measEq.syntax(model, data = x, ordered = items, group = "lang",
                group.equal = ge, ID.fac = "std.lv", ID.cat = "Wu.Estabrook.2016",
                parameterization = "delta"))
  cfa(as.character(syntax), x, ordered = items, group = "lang", estimator = "WLSMV",
      missing = "pairwise")
})
R$wu_estabrook <- lapply(we, describe)
R$wu_estabrook_lrt <- lapply(2:length(we), function(i) {
  t <- lavTestLRT(we[[i - 1]], we[[i]])
  list(from = names(we)[i - 1], to = names(we)[i], chisq_diff = t[2, "Chisq diff"],
       df_diff = t[2, "Df diff"], pvalue = t[2, "Pr(>Chisq)"])
})
writeLines(toJSON(R, auto_unbox = TRUE, digits = NA, pretty = FALSE),
           "ordinal_groups_pairwise.json")
