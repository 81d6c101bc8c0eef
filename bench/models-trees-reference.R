# rpart / randomForest reference for bench/models-trees.ts. Args: mode ("quality" | "speed" |
# "forest") and a job file
# (JSON written by the bench, read with base R only: one dataset per line as
# name<TAB>csv<TAB>target<TAB>categorical,...<TAB>continuous,...<TAB>train indices (1-based, comma separated)).
suppressMessages(library(rpart))
if (commandArgs(trailingOnly = TRUE)[1] == "forest") suppressMessages(library(randomForest))
args <- commandArgs(trailingOnly = TRUE)
mode <- args[1]
lines <- readLines(args[2])
for (line in lines) {
  f <- strsplit(line, "\t", fixed = TRUE)[[1]]
  name <- f[1]; csv <- f[2]; target <- f[3]
  cats <- if (nchar(f[4]) > 0) strsplit(f[4], ",", fixed = TRUE)[[1]] else character(0)
  nums <- if (nchar(f[5]) > 0) strsplit(f[5], ",", fixed = TRUE)[[1]] else character(0)
  df <- read.csv(csv, colClasses = "character", na.strings = c(""), check.names = FALSE)
  for (c in cats) df[[c]] <- factor(df[[c]])
  for (c in nums) df[[c]] <- suppressWarnings(as.numeric(df[[c]]))
  df[[target]] <- factor(df[[target]])
  form <- as.formula(paste0("`", target, "` ~ ", paste0("`", c(cats, nums), "`", collapse = " + ")))
  if (mode == "forest") {
    # Categorical inputs stay factors (one predictor each, as Modeler treats them) and mtry is
    # randomForest's default floor(sqrt(p)) — the same predictor sampling as ours. Missing
    # values are filled with the median / most frequent value (randomForest refuses them). Nodes
    # are split down to randomForest's classification default (nodesize 1).
    train <- as.integer(strsplit(f[6], ",", fixed = TRUE)[[1]])
    x <- na.roughfix(df[, c(cats, nums), drop = FALSE])
    for (trees in c(10, 100)) {
      acc <- 0
      for (seed in 1:5) {
        set.seed(seed)
        m <- randomForest(x[train, , drop = FALSE], df[[target]][train], ntree = trees)
        p <- predict(m, x[-train, , drop = FALSE])
        acc <- acc + mean(as.character(p) == as.character(df[[target]][-train]))
      }
      cat(sprintf("%s\t%d\t%.6f\n", name, trees, acc / 5))
    }
  } else if (mode == "quality") {
    train <- as.integer(strsplit(f[6], ",", fixed = TRUE)[[1]])
    set.seed(1)
    m <- rpart(form, data = df[train, ], method = "class")
    p <- predict(m, df[-train, ], type = "class")
    cat(sprintf("%s\t%.6f\n", name, mean(as.character(p) == as.character(df[[target]][-train]))))
  } else {
    n <- nrow(df)
    set.seed(1)
    t <- system.time(m <- rpart(form, data = df, method = "class",
      control = rpart.control(cp = 0, xval = 10, maxdepth = 5, minsplit = ceiling(0.02 * n), minbucket = ceiling(0.01 * n))))
    cat(sprintf("%s\t%.3f\n", name, t[["user.self"]] + t[["sys.self"]]))
  }
}
