// Owner of the precompiled <torch/torch.h> that every torch-using core module reuses.
