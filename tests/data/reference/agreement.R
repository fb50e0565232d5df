# Reference figures for psym-agreement (issue 15, points 4 and 5): psych::ICC on simulated
# dyads and lme4::lmer / the one-way ANOVA on simulated clustered scores.
# Run: Rscript agreement.R   (writes agreement.json beside this script)
suppressMessages({library(psych); library(lme4); library(jsonlite)})
set.seed(20261205)

icc_case <- function(x) {
  a <- ICC(x, lmer = FALSE)
  b <- suppressMessages(ICC(x, lmer = TRUE))
  tab <- function(r) lapply(seq_len(6), function(i) list(
    type = r$type[i], icc = r$ICC[i], f = r$F[i], df1 = r$df1[i], df2 = r$df2[i], p = r$p[i],
    lower = r[i, "lower bound"], upper = r[i, "upper bound"]))
  list(ratings = unname(as.matrix(x)), anova = tab(a$results), lmer = tab(b$results),
       lmer_components = unname(b$lme[1:3, 1]))
}

# two perspectives, caseworkers rate lower and with less spread
n <- 60
true <- rnorm(n, 5, 0.8)
client <- round(true + rnorm(n, 0, 0.5), 2)
worker <- round(0.8 * true + 0.6 + rnorm(n, 0, 0.6), 2)
dyads <- data.frame(client, worker)
# two perspectives without a systematic difference (rater variance estimated below zero)
client2 <- round(true + rnorm(n, 0, 0.6), 2)
worker2 <- round(true + rnorm(n, 0, 0.6), 2)
# three raters
three <- data.frame(r1 = round(true + rnorm(n, 0, 0.5), 2),
                    r2 = round(true + 0.3 + rnorm(n, 0, 0.5), 2),
                    r3 = round(true - 0.2 + rnorm(n, 0, 0.7), 2))

ba <- function(a, b, level = 0.95) {
  d <- a - b; n <- length(d); m <- mean(d); s <- sd(d)
  z <- qnorm(1 - (1 - level) / 2); t <- qt(1 - (1 - level) / 2, n - 1)
  list(mean = m, mean_lower = m - t * s / sqrt(n), mean_upper = m + t * s / sqrt(n), sd = s,
       lower = m - z * s, lower_lower = m - z * s - t * s * sqrt(3 / n),
       lower_upper = m - z * s + t * s * sqrt(3 / n),
       upper = m + z * s, upper_lower = m + z * s - t * s * sqrt(3 / n),
       upper_upper = m + z * s + t * s * sqrt(3 / n))
}

cluster_case <- function(y, g) {
  g <- factor(g)
  s <- summary(aov(y ~ g))[[1]]
  msb <- s[1, "Mean Sq"]; msw <- s[2, "Mean Sq"]
  N <- length(y); J <- nlevels(g); nj <- as.vector(table(g))
  n0 <- (N - sum(nj^2) / N) / (J - 1)
  fit <- lmer(y ~ 1 + (1 | g), REML = TRUE)
  vc <- as.data.frame(VarCorr(fit))
  tau <- vc$vcov[1]; sigma2 <- vc$vcov[2]
  list(y = y, cluster = as.integer(g) - 1L,
       ms_between = msb, ms_within = msw, f = s[1, "F value"], p = s[1, "Pr(>F)"], n0 = n0,
       icc1 = (msb - msw) / (msb + (n0 - 1) * msw), icc2 = (msb - msw) / msb,
       icc1_mean_size = (msb - msw) / (msb + (N / J - 1) * msw),
       reml_between = tau, reml_within = sigma2, reml_icc1 = tau / (tau + sigma2),
       reml_intercept = unname(fixef(fit)[1]), reml_criterion = unname(REMLcrit(fit)),
       singular = isSingular(fit))
}

# 30 caseworkers with 1 to 12 clients each (two of size one), ICC about .15
sizes <- c(1, 1, sample(2:12, 28, replace = TRUE))
g <- rep(seq_along(sizes), sizes)
u <- rnorm(length(sizes), 0, sqrt(0.15))
y <- round(5 + u[g] + rnorm(length(g), 0, sqrt(0.85)), 3)
# 12 caseworkers of 8 clients, no caseworker variance at all (boundary)
g2 <- rep(1:12, each = 8)
y2 <- round(4 + rnorm(96, 0, 1), 3)
u2 <- tapply(y2, g2, mean)
y2 <- y2 - u2[g2] + mean(y2) + rep(seq(-0.01, 0.01, length.out = 12), each = 8)

# targets that do not differ (their component below zero), and three raters where both the
# targets' and the raters' components are below zero (noise only); found by searching seeds
set.seed(2)
no_targets <- data.frame(a = round(rnorm(30, 5, 1), 2), b = round(rnorm(30, 5.6, 1), 2))
set.seed(6)
noise <- data.frame(a = round(rnorm(30, 5, 1), 2), b = round(rnorm(30, 5, 1), 2),
                    c = round(rnorm(30, 5, 1), 2))

out <- list(
  source = paste("psych", packageVersion("psych"), "lme4", packageVersion("lme4"), R.version.string),
  dyads = c(icc_case(dyads),
            list(pearson = cor(client, worker), spearman = cor(client, worker, method = "spearman"),
                 bland_altman = ba(client, worker))),
  dyads_no_bias = icc_case(data.frame(client2, worker2)),
  three_raters = icc_case(three),
  no_targets = icc_case(no_targets),
  noise = icc_case(noise),
  clusters = cluster_case(y, g),
  clusters_boundary = cluster_case(y2, g2))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = FALSE), "agreement.json")
