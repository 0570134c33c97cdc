#include "core/models/Complexity.h"

#include "core/common/Dcase.h"
#include "core/models/GlobalRandom.h"
#include "core/models/LayerRecorder.h"
#include "core/models/TfSepNet.h"
#include "core/models/TfSepNetGraph.h"

#include <torch/torch.h>

#include <numeric>

namespace sb {

bool Int8Storage::withinLimit() const { return total() <= dcase::kMaxParameterBytes; }

bool ModelComplexity::paramsWithinLimit() const { return bytesInt8 <= dcase::kMaxParameterBytes; }

bool ModelComplexity::macsWithinLimit() const { return macs <= dcase::kMaxMacs; }

std::string ModelComplexity::verdict() const
{
    std::string s = withinLimits() ? "within the Task 1 limits" : "exceeds the Task 1 limits";
    s += " (parameters as int8: " + std::to_string(bytesInt8) + " of " + std::to_string(dcase::kMaxParameterBytes) +
         " bytes" + (paramsWithinLimit() ? "" : ", too many") + "; MACs: " + std::to_string(macs) + " of " +
         std::to_string(dcase::kMaxMacs) + (macsWithinLimit() ? "" : ", too many") + ")";
    return s;
}

void finishComplexity(ModelComplexity& c)
{
    c.bytesFp32 = 4 * c.params;
    c.bytesFp16 = 2 * c.params;
    c.bytesInt8 = c.params;
    c.macs = std::accumulate(c.layers.begin(), c.layers.end(), int64_t(0),
                             [](int64_t sum, const LayerComplexity& l) { return sum + l.macs; });
}

ModelComplexity measureTfSepNet(int width, int depth, int mels, int frames)
{
    TfSepNetConfig config;
    config.width = width;
    config.depth = depth;
    return measureTfSepNet(config, mels, frames);
}

ModelComplexity measureTfSepNet(const TfSepNetConfig& config, int mels, int frames)
{
    // Its random initial weights must not shift the draws of a run training in this process.
    TfSepNet net = [&] {
        const GlobalRandomBorrow borrow;
        return TfSepNet(config);
    }();
    net->eval();
    torch::NoGradGuard noGrad;
    LayerRecorder recorder(/*shapesOnly=*/true);
    ModelComplexity c;
    c.model = config.describe();
    c.inputShape = {1, config.inChannels, mels, frames};
    net->forwardAll(torch::empty(c.inputShape, torch::TensorOptions().device(torch::kMeta)), &recorder);
    c.params = countParameters(*net);
    c.layers = recorder.layers();
    c.int8Model = TfSepNetGraph(*net).int8Storage();
    finishComplexity(c);
    return c;
}

}  // namespace sb
