"""Training and honest measurement of the extraction model (`make train`, `make evaluate`).

`corpus` (the labelled pages), `dataset` (pages read as extraction reads them, with sentence
labels), `fit` (the pipelines and the model they make), `evaluation` (evaluate.py's figures,
site-grouped cross-validation). It needs scikit-learn; extraction itself does not.
"""
