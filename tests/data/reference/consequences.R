# Reference figures for the consequences of partial scalar invariance (issue 12, point 4) on
# the alliance example by language, from lavaan 0.6-14 (Debian's r-cran-lavaan):
# Run in this folder: Rscript consequences.R -> writes consequences.json
#
# The model is the partial scalar model psym's automatic search reaches (group.partial
# task=~i7, bond=~i11, i10~1). `latent`: each factor's latent mean in group 2 with its standard
# error (parameterEstimates), its latent variances in both groups and the standardized
# difference d = mean / sqrt(pooled variance) with the variances weighted by group size.
# `items`: dMACS (Nye & Drasgow 2011) of the non-invariant items i7, i10 and i11, written out
# here from lavaan's estimates (one-factor items: a = nu_ref - nu_foc, b = lambda_ref -
# lambda_foc, dMACS = sqrt((a + b kappa)^2 + b^2 psi) / pooled SD, the pooled SD from the
# listwise data with n - 1 denominators) and the signed bias -(a + b kappa).
suppressMessages({library(lavaan); library(jsonlite)})
al <- read.csv("../alliance_en_nb.csv")
mal <- "goal =~ i1 + i2 + i3 + i4; task =~ i5 + i6 + i7 + i8; bond =~ i9 + i10 + i11 + i12"
fit <- cfa(mal, al, group = "lang", group.equal = c("loadings", "intercepts"),
           group.partial = c("task=~i7", "bond=~i11", "i10~1"))
pe <- parameterEstimates(fit)
get <- function(lhs, op, rhs, g) pe[pe$lhs == lhs & pe$op == op & pe$rhs == rhs & pe$group == g, ]
n <- lavInspect(fit, "nobs")
latent <- lapply(c("goal", "task", "bond"), function(f) {
  m <- get(f, "~1", "", 2); v1 <- get(f, "~~", f, 1)$est; v2 <- get(f, "~~", f, 2)$est
  pooled <- (n[1] * v1 + n[2] * v2) / sum(n)
  list(factor = f, mean = m$est, mean_se = m$se, variance = v2, variance_ratio = v2 / v1,
       d = m$est / sqrt(pooled))
})
used <- al[complete.cases(al[, paste0("i", 1:12)]), ]
items <- lapply(list(c("i7", "task"), c("i10", "bond"), c("i11", "bond")), function(x) {
  item <- x[1]; f <- x[2]
  a <- get(item, "~1", "", 1)$est - get(item, "~1", "", 2)$est
  b <- get(f, "=~", item, 1)$est - get(f, "=~", item, 2)$est
  kappa <- get(f, "~1", "", 2)$est; psi <- get(f, "~~", f, 2)$est
  x1 <- used[used$lang == "en", item]; x2 <- used[used$lang == "nb", item]
  sd <- sqrt(((length(x1) - 1) * var(x1) + (length(x2) - 1) * var(x2)) / (length(x1) + length(x2) - 2))
  list(item = item, dmacs = sqrt((a + b * kappa)^2 + b^2 * psi) / sd, mean_bias = -(a + b * kappa))
})
writeLines(toJSON(list(latent = latent, items = items), auto_unbox = TRUE, digits = NA, pretty = TRUE),
           "consequences.json")
