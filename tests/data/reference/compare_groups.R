# Scale means compared across groups (Rscript compare_groups.R in this folder).
# Scores: the open-alliance-12 scales on ../alliance_en_nb.csv (i4, i11 reversed as 8 - x; mean
# of the answered items when at least 75% are answered), by `lang` and by `third` (0-based row
# number modulo 3). For each pair of groups (a - b, in order of first appearance):
#   Welch: t.test(a, b, var.equal = FALSE)  (statistic, parameter, p.value)
#   Hedges' g by definition: d = (ma - mb) / pooled SD, g = J d with the exact
#     J = gamma(m/2) / (sqrt(m/2) gamma((m-1)/2)), m = na + nb - 2 (Hedges & Olkin 1985)
#   95% interval: g +- qnorm(.975) sqrt((na + nb)/(na nb) + g^2 / (2 (na + nb)))  (Hedges-Olkin normal approximation)
library(jsonlite)
d <- read.csv("../alliance_en_nb.csv", stringsAsFactors = FALSE)
for (i in c("i4", "i11")) d[[i]] <- 8 - d[[i]]
d$third <- as.character((seq_len(nrow(d)) - 1) %% 3)
scales <- list(goal = paste0("i", 1:4), task = paste0("i", 5:8), bond = paste0("i", 9:12),
               total = paste0("i", 1:12))
score <- function(items) {
  x <- as.matrix(d[, items]); a <- rowSums(!is.na(x)); s <- rowMeans(x, na.rm = TRUE)
  s[a < 0.75 * length(items) - 1e-9 | a == 0] <- NA
  s
}
pair <- function(a, b) {
  a <- a[!is.na(a)]; b <- b[!is.na(b)]
  na <- length(a); nb <- length(b); m <- na + nb - 2
  tt <- t.test(a, b, var.equal = FALSE)
  sp <- sqrt(((na - 1) * var(a) + (nb - 1) * var(b)) / m)
  J <- exp(lgamma(m / 2) - lgamma((m - 1) / 2)) / sqrt(m / 2)
  g <- J * (mean(a) - mean(b)) / sp
  se <- sqrt((na + nb) / (na * nb) + g^2 / (2 * (na + nb)))
  list(difference = mean(a) - mean(b), hedges_g = g, g_lower = g - qnorm(.975) * se,
       g_upper = g + qnorm(.975) * se, t = unname(tt$statistic), df = unname(tt$parameter),
       pvalue = tt$p.value)
}
out <- list()
for (col in c("lang", "third")) {
  labels <- unique(d[[col]])
  for (name in names(scales)) {
    s <- score(scales[[name]])
    groups <- lapply(labels, function(g) { x <- s[d[[col]] == g & !is.na(s)]
      list(group = g, n = length(x), mean = mean(x), sd = sd(x)) })
    pairs <- list()
    for (i in seq_along(labels)) for (j in seq_along(labels)) if (i < j)
      pairs[[length(pairs) + 1]] <- c(list(a = labels[i], b = labels[j]),
                                       pair(s[d[[col]] == labels[i]], s[d[[col]] == labels[j]]))
    out[[paste(col, name)]] <- list(groups = groups, pairs = pairs)
  }
}
out$versions <- list(R = R.version.string)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA), "compare_groups.json")
