# Reference norm tables for psym norms, computed by definition (Rscript norms.R in this folder).
# Scores: the open-alliance-12 scales on ../alliance_en_nb.csv (i4, i11 reversed as 8 - x; mean of
# the answered items when at least 75% are answered). For every possible raw score (steps of 1/k)
# from the lowest to the highest observed score of a group:
#   percentile = mid-point percentile rank 100 * (below + same / 2) / n  (Crocker & Algina 1986, ch. 19)
#   t          = 50 + 10 * qnorm(percentile / 100)                      (normalised T)
#   stanine    = cut at percentiles 4, 11, 23, 40, 60, 77, 89, 96 (a rank on a bound goes up)
# Cross-check: the mid-point rank equals 100 * (ecdf(x)(r) + ecdf(x)(r-)) / 2, R's own ecdf.
library(jsonlite)
d <- read.csv("../alliance_en_nb.csv", stringsAsFactors = FALSE)
for (i in c("i4", "i11")) d[[i]] <- 8 - d[[i]]
scales <- list(goal = paste0("i", 1:4), task = paste0("i", 5:8), bond = paste0("i", 9:12),
               total = paste0("i", 1:12))
score <- function(items) {
  x <- as.matrix(d[, items])
  a <- rowSums(!is.na(x))
  s <- rowMeans(x, na.rm = TRUE)
  s[a < 0.75 * length(items) - 1e-9 | a == 0] <- NA
  s
}
table_of <- function(s, k) {
  s <- s[!is.na(s)]
  n <- length(s)
  raw <- seq(ceiling(min(s) * k - 1e-9), floor(max(s) * k + 1e-9)) / k
  below <- sapply(raw, function(r) sum(s < r - 1e-9))
  same <- sapply(raw, function(r) sum(abs(s - r) <= 1e-9))
  pr <- 100 * (below + same / 2) / n
  F <- ecdf(s)
  stopifnot(all(abs(pr - 100 * (F(raw + 1e-9) + F(raw - 1e-9)) / 2) < 1e-9))
  list(n = n, mean = mean(s), sd = sd(s), raw = raw, frequency = same,
       cumulative = below + same, percentile = pr, t = 50 + 10 * qnorm(pr / 100),
       stanine = 1 + findInterval(pr, c(4, 11, 23, 40, 60, 77, 89, 96)))
}
out <- list(by_lang = list(), whole = list())
for (name in names(scales)) {
  s <- score(scales[[name]])
  k <- length(scales[[name]])
  out$whole[[name]] <- table_of(s, k)
  for (g in c("en", "nb")) out$by_lang[[paste(name, g)]] <- table_of(s[d$lang == g], k)
}
# Scores between two rows (incomplete answers): percentile interpolated linearly between them.
b <- out$by_lang[["bond en"]]
xs <- c(2.1, 3.6666666666666665, 5.333333333333333, 6.9)
p <- approx(b$raw, b$percentile, xout = xs)$y
out$interpolated <- list(scale = "bond", group = "en", x = xs, percentile = p,
                         t = 50 + 10 * qnorm(p / 100),
                         stanine = 1 + findInterval(p, c(4, 11, 23, 40, 60, 77, 89, 96)))
out$versions <- list(R = R.version.string, jsonlite = as.character(packageVersion("jsonlite")))
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = FALSE), "norms.json")
