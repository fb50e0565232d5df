# Alpha per group and tests of equal alpha across independent groups (Rscript alpha_groups.R).
# Alpha: psych::alpha (pairwise covariances, as psym's default) of the open-alliance-12 scales on
# ../alliance_en_nb.csv, i4 and i11 reversed as 8 - x; n = respondents with at least one answer.
# Groups: `lang` (two groups: Feldt) and `third` = (row number - 1) %% 3 (three groups:
# Hakstian-Whalen). The tests are written out by their published definitions:
#   Feldt (1969): W = (1 - a_low) / (1 - a_high) ~ F(n_high - 1, n_low - 1), p = min(1, 2 (1 - pf(W)))
#   Hakstian & Whalen (1976) as Feldt, Woodruff & Salih (1987): nt = (k - 1) n / (k + 1),
#     u = (1 - a)^(-1/3), v = 2 / (9 (nt - 1) (1 - a)^(2/3)), chi2 = sum((u - mean(u))^2) / mean(v), df = m - 1
# and checked first against the published worked examples (FWS 1987: 22.926; Charter & Feldt 1996: 1.318).
suppressMessages(library(psych)); library(jsonlite)
feldt <- function(a, n) {
  h <- which.max(a); l <- 3 - h
  W <- (1 - a[l]) / (1 - a[h]); df1 <- n[h] - 1; df2 <- n[l] - 1
  list(statistic = W, df1 = df1, df2 = df2, pvalue = min(1, 2 * pf(W, df1, df2, lower.tail = FALSE)))
}
hw <- function(a, n, k) {
  nt <- (k - 1) * n / (k + 1); u <- (1 - a)^(-1/3); v <- 2 / (9 * (nt - 1) * (1 - a)^(2/3))
  s <- sum((u - mean(u))^2) / mean(v)
  list(statistic = s, df = length(a) - 1, pvalue = pchisq(s, length(a) - 1, lower.tail = FALSE))
}
stopifnot(abs(hw(c(.784, .875, .936), c(51, 101, 151), 5)$statistic - 22.926) < 5e-4)
stopifnot(abs(feldt(c(.78, .71), c(41, 151))$statistic - 1.318) < 5e-4)
d <- read.csv("../alliance_en_nb.csv", stringsAsFactors = FALSE)
for (i in c("i4", "i11")) d[[i]] <- 8 - d[[i]]
d$third <- as.character((seq_len(nrow(d)) - 1) %% 3)
scales <- list(goal = paste0("i", 1:4), task = paste0("i", 5:8), bond = paste0("i", 9:12),
               total = paste0("i", 1:12))
out <- list()
for (col in c("lang", "third")) {
  labels <- unique(d[[col]])
  for (name in names(scales)) {
    items <- scales[[name]]
    a <- n <- numeric(0)
    for (g in labels) {
      x <- d[d[[col]] == g, items]
      a <- c(a, psych::alpha(x, check.keys = FALSE, warnings = FALSE)$total$raw_alpha)
      n <- c(n, sum(rowSums(!is.na(x)) > 0))
    }
    test <- if (length(labels) == 2) feldt(a, n) else hw(a, n, length(items))
    out[[paste(col, name)]] <- list(groups = labels, alpha = a, n = n, test = test)
  }
}
out$versions <- list(R = R.version.string, psych = as.character(packageVersion("psych")))
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA), "alpha_groups.json")
