# Simulated client and caseworker forms of the open alliance instrument (issue 15, points 4
# and 5) and psych/lme4 figures of their scale scores, for the CLI tests of `psym agreement`
# and `psym multilevel`.
# Run: Rscript agreement_data.R   (writes ../dyads_client.csv, ../dyads_caseworker.csv,
# ../clients_by_caseworker.csv and agreement_cli.json)
suppressMessages({library(psych); library(lme4); library(jsonlite)})
set.seed(15)
items <- paste0("i", 1:12)
reversed <- c(4, 11)
answer <- function(latent) {
  # 12 items on 1–7: the latent alliance of each subscale plus item noise; i4 and i11 reversed
  x <- sapply(1:12, function(j) {
    s <- (j - 1) %/% 4 + 1
    pmin(7, pmax(1, round(latent[, s] + rnorm(nrow(latent), 0, 0.7))))
  })
  x[, reversed] <- 8 - x[, reversed]
  colnames(x) <- items
  x
}
scores <- function(x) {
  k <- x; k[, reversed] <- 8 - k[, reversed]
  cbind(goal = rowMeans(k[, 1:4]), task = rowMeans(k[, 5:8]), bond = rowMeans(k[, 9:12]),
        total = rowMeans(k))
}

# 80 dyads; the caseworker sees a little less alliance than the client
n <- 80
true <- matrix(rnorm(n, 5, 0.8), n, 3) + matrix(rnorm(3 * n, 0, 0.4), n, 3)
client <- answer(true)
worker <- answer(0.8 * true + 0.7)
ids <- sprintf("D%03d", 1:n)
order_w <- sample(n)  # the caseworker file lists the dyads in another order
write.csv(data.frame(dyad = ids, client, check.names = FALSE), "../dyads_client.csv",
          row.names = FALSE, quote = FALSE)
write.csv(data.frame(dyad = ids[order_w], worker[order_w, ], check.names = FALSE),
          "../dyads_caseworker.csv", row.names = FALSE, quote = FALSE)

# 200 clients of 30 caseworkers (2–12 each), a caseworker share of about .10
sizes <- c(2, 3, sample(2:12, 28, replace = TRUE))
sizes <- round(sizes * 200 / sum(sizes)); sizes[30] <- 200 - sum(sizes[1:29])
cw <- rep(sprintf("CW%02d", seq_along(sizes)), sizes)
u <- rnorm(length(sizes), 0, 0.35)[as.integer(factor(cw))]
latent <- matrix(5 + u, length(cw), 3) + matrix(rnorm(3 * length(cw), 0, 0.9), length(cw), 3)
resp <- answer(latent)
write.csv(data.frame(id = sprintf("C%03d", seq_along(cw)), caseworker = cw, resp,
                     check.names = FALSE), "../clients_by_caseworker.csv", row.names = FALSE,
          quote = FALSE)

sc <- scores(client); sw <- scores(worker)
icc_rows <- function(r) lapply(seq_len(6), function(i) list(
  type = r$type[i], icc = r$ICC[i], f = r$F[i], df1 = r$df1[i], df2 = r$df2[i], p = r$p[i],
  lower = r[i, "lower bound"], upper = r[i, "upper bound"]))
dyad_scale <- function(s) {
  x <- data.frame(client = sc[, s], caseworker = sw[, s])
  list(anova = icc_rows(ICC(x, lmer = FALSE)$results),
       lmer = icc_rows(suppressMessages(ICC(x))$results),
       pearson = cor(x$client, x$caseworker),
       spearman = cor(x$client, x$caseworker, method = "spearman"),
       mean_difference = mean(x$client - x$caseworker))
}
cluster_scale <- function(s) {
  y <- scores(resp)[, s]; g <- factor(cw)
  a <- summary(aov(y ~ g))[[1]]
  msb <- a[1, "Mean Sq"]; msw <- a[2, "Mean Sq"]
  N <- length(y); J <- nlevels(g); n0 <- (N - sum(table(g)^2) / N) / (J - 1)
  fit <- lmer(y ~ 1 + (1 | g), REML = TRUE)
  vc <- as.data.frame(VarCorr(fit))$vcov
  list(icc1 = (msb - msw) / (msb + (n0 - 1) * msw), icc2 = (msb - msw) / msb,
       reml_icc1 = vc[1] / sum(vc), reml_between = vc[1], reml_within = vc[2])
}
scales <- c("goal", "task", "bond", "total")
out <- list(
  source = paste("psych", packageVersion("psych"), "lme4", packageVersion("lme4"), R.version.string),
  dyads = setNames(lapply(scales, dyad_scale), scales),
  clusters = setNames(lapply(scales, cluster_scale), scales))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), "agreement_cli.json")
