#pragma once
// Stock PyTorch as a witness: runs tests/data/checkpoints/torch_dump.py with Debian's
// /usr/bin/python3 and returns what torch.load saw (names, dtypes, shapes, bytes, sharing).
#include <torch/torch.h>

#include <QJsonObject>
#include <QString>

class TorchPeer {
public:
    static bool available();  // /usr/bin/python3 exists and imports torch
    // Throws std::runtime_error with Python's stderr if torch.load fails.
    static QJsonObject dump(const QString& path, bool weightsOnly);
    // The same "hex" torch_dump.py prints: contiguous little-endian bytes of the values.
    static QString hexOf(const torch::Tensor& t);
};
