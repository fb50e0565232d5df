# Reference figures for psym reliability on the open alliance instrument (tests/data/alliance_en_nb.csv).
# psych 2.2.9, lavaan 0.6-14, semTools 0.5-6, GPArotation, R 4.2.2 (Debian packages). Run in this folder:
#   Rscript reliability_alliance.R   (writes reliability_alliance.json)
# Items i4 and i11 are reverse-keyed on the 1-7 response scale (8 - x), as instruments/open-alliance-12.json says.
suppressMessages({library(psych); library(lavaan); library(semTools); library(GPArotation); library(jsonlite)})
d <- read.csv("../alliance_en_nb.csv")
items <- paste0("i", 1:12)
x <- d[, items]
x[x == 9 | x == 99] <- NA          # the instrument's missing codes (none occur in this file)
rev <- c("i4", "i11")
for (r in rev) x[[r]] <- 8 - x[[r]]
scales <- list(goal = paste0("i", 1:4), task = paste0("i", 5:8), bond = paste0("i", 9:12), total = items)

alpha_rec <- function(a) list(raw_alpha = a$total$raw_alpha, std_alpha = a$total$std.alpha, G6 = a$total[["G6(smc)"]],
  average_r = a$total$average_r, median_r = a$total$median_r, mean = a$total$mean, sd = a$total$sd,
  item_mean = unname(a$item.stats$mean), item_sd = unname(a$item.stats$sd), raw_r = unname(a$item.stats$raw.r),
  std_r = unname(a$item.stats$std.r), r_cor = unname(a$item.stats$r.cor), r_drop = unname(a$item.stats$r.drop),
  alpha_if_deleted = unname(a$alpha.drop$raw_alpha),
  feldt_lower = unname(unlist(a$feldt$lower.ci)), feldt_upper = unname(unlist(a$feldt$upper.ci)))

out <- list(source = paste("psych", packageVersion("psych"), "lavaan", packageVersion("lavaan"),
  "semTools", packageVersion("semTools"), R.version.string), scales = list())
for (s in names(scales)) {
  xs <- x[, scales[[s]]]
  rec <- list(items = scales[[s]], reversed = intersect(rev, scales[[s]]))
  # pairwise (psych's default); the data are already keyed, so no keys argument
  rec$pairwise <- alpha_rec(suppressWarnings(alpha(xs)))
  # listwise: psych::alpha on the complete rows only
  cc <- na.omit(xs)
  rec$listwise <- c(list(n = nrow(cc)), alpha_rec(suppressWarnings(alpha(cc))))
  om1 <- suppressWarnings(suppressMessages(omega(xs, nfactors = 1, plot = FALSE)))
  rec$omega1 <- list(omega_total = om1$omega.tot, omega_h = om1$omega_h, loadings = unname(om1$schmid$sl[, 1]))
  rec$omega1_listwise <- suppressWarnings(suppressMessages(omega(cc, nfactors = 1, plot = FALSE)))$omega.tot
  onef <- cfa(paste0("f =~ ", paste(scales[[s]], collapse = " + ")), data = xs)
  rec$omega_compRelSEM <- as.numeric(compRelSEM(onef))
  out$scales[[s]] <- rec
}
# the multidimensional total scale: Schmid-Leiman with three group factors (psych::omega's default)
om3 <- suppressWarnings(suppressMessages(omega(x, nfactors = 3, plot = FALSE)))
out$total_sl3 <- list(omega_h = om3$omega_h, omega_total = om3$omega.tot, omega_limit = om3$omega.lim,
  g_loadings = unname(om3$schmid$sl[, 1]), h2 = unname(om3$schmid$sl[, "h2"]), phi = unname(om3$schmid$phi))
# two group factors (goal + task items): psych's option = "equal" for the general factor
om2 <- suppressWarnings(suppressMessages(omega(x[, paste0("i", 1:8)], nfactors = 2, plot = FALSE)))
out$goal_task_sl2 <- list(omega_h = om2$omega_h, omega_total = om2$omega.tot, omega_limit = om2$omega.lim,
  g_loadings = unname(om2$schmid$sl[, 1]))
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "reliability_alliance.json")
