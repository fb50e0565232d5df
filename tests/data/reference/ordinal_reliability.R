# Reference figures for `psym reliability --ordinal` (issue 13): ordinal alpha (psych::alpha on the
# psych::polychoric matrix; Gadermann, Guhn & Zumbo 2012), omega from the polychoric matrix
# (psych::omega(poly = TRUE)) and categorical omega (Green & Yang 2009; semTools::compRelSEM with
# ord.scale = TRUE, obs.var = TRUE, its defaults) from the one-factor WLSMV fit of each scale.
# psych 2.2.9, lavaan 0.6-14, semTools 0.5-6, GPArotation, R 4.2.2 (Debian packages).
# Run in this folder: Rscript ordinal_reliability.R  (writes ../sparse5.csv and ordinal_reliability.json)
suppressMessages({library(psych); library(lavaan); library(semTools); library(GPArotation); library(jsonlite)})

# A 5-point set with a skewed, sparse distribution: 400 respondents, six items of one factor
# (loadings .55-.80), answers piled at the top; nobody answered 1 on s5, nobody answered 2 on s3.
set.seed(20261205)
n <- 400
f <- rnorm(n)
lam <- c(.8, .75, .7, .65, .6, .55)
tau <- c(-2.6, -1.7, -0.7, 0.3)
sp <- sapply(seq_along(lam), function(j) {
  ystar <- lam[j] * f + sqrt(1 - lam[j]^2) * rnorm(n)
  findInterval(ystar, tau) + 1
})
colnames(sp) <- paste0("s", 1:6)
sp[sp[, "s5"] == 1, "s5"] <- 2
sp[sp[, "s3"] == 2, "s3"] <- 3
write.csv(data.frame(id = sprintf("P%03d", 1:n), sp), "../sparse5.csv", row.names = FALSE)

d <- read.csv("../alliance_en_nb.csv")
items <- paste0("i", 1:12)
x <- d[, items]
for (r in c("i4", "i11")) x[[r]] <- 8 - x[[r]]   # the instrument's reverse keys (1-7 scale)
sets <- list(
  alliance = list(data = x, scales = list(goal = paste0("i", 1:4), task = paste0("i", 5:8),
                                         bond = paste0("i", 9:12), total = items)),
  sparse5 = list(data = as.data.frame(sp), scales = list(all = paste0("s", 1:6))))

ordinal_scale <- function(xs, its) {
  rho <- polychoric(xs)$rho                       # psych's defaults (pairwise, global thresholds)
  a <- suppressWarnings(alpha(rho))
  om1 <- suppressWarnings(suppressMessages(omega(xs, nfactors = 1, poly = TRUE, plot = FALSE)))
  # lavaan takes an item's categories from all rows and refuses one that listwise deletion empties
  # (i2's lowest here), so the incomplete rows are dropped before lavaan sees them
  fit <- cfa(paste0("f =~ ", paste(its, collapse = " + ")), data = na.omit(xs), ordered = its,
             estimator = "WLSMV")
  pe <- parameterEstimates(fit)
  list(items = its, polychoric = unname(rho),
       ordinal_alpha = a$total$raw_alpha, ordinal_alpha_std = a$total$std.alpha, average_r = a$total$average_r,
       omega_total = om1$omega.tot, omega_loadings = unname(om1$schmid$sl[, 1]),
       wlsmv_n = lavInspect(fit, "nobs"),
       loadings = standardizedSolution(fit)$est.std[pe$op == "=~"], thresholds = pe$est[pe$op == "|"],
       categorical_omega = as.numeric(compRelSEM(fit, ord.scale = TRUE)))
}

out <- list(source = paste("psych", packageVersion("psych"), "lavaan", packageVersion("lavaan"),
                           "semTools", packageVersion("semTools"), R.version.string))
for (s in names(sets)) {
  rec <- list()
  for (sc in names(sets[[s]]$scales)) {
    its <- sets[[s]]$scales[[sc]]
    rec[[sc]] <- ordinal_scale(sets[[s]]$data[, its], its)
  }
  out[[s]] <- rec
}
# the multidimensional total: Schmid-Leiman with three group factors on the polychoric matrix
om3 <- suppressWarnings(suppressMessages(omega(x, nfactors = 3, poly = TRUE, plot = FALSE)))
out$alliance_total_sl3 <- list(omega_h = om3$omega_h, omega_total = om3$omega.tot, omega_limit = om3$omega.lim)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "ordinal_reliability.json")
