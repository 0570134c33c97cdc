// Tests of core/models against the reference outputs of the original PyTorch code
// (tests/data/reference): TF-SepNet-64 and the tiny BEATs, state dicts both ways, the
// complexity meter, layer-wise learning-rate groups and the frozen teacher encoder.
#include <torch/torch.h>

#include "core/checkpoint/Checkpoint.h"
#include "core/common/Error.h"
#include "core/common/Npy.h"
#include "core/models/BeatsClassifier.h"
#include "core/models/Complexity.h"
#include "core/models/ModelCheckpoint.h"
#include "core/models/ResNorm.h"
#include "core/models/TfSepBlock.h"
#include "core/models/TfSepNet.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const std::string kRef = SCENEBENCH_TEST_DATA "/reference/";

torch::Tensor loadNpy(const std::string& name)
{
    const sb::NpyArray a = sb::readNpy(kRef + name);
    std::vector<float> values = a.toFloat();
    return torch::from_blob(values.data(), a.shape, torch::kFloat).clone();
}

double maxAbsDiff(const torch::Tensor& a, const torch::Tensor& b)
{
    if (!a.sizes().equals(b.sizes())) return std::numeric_limits<double>::infinity();
    return (a - b).abs().max().item<double>();
}

sb::TfSepNet referenceTfSepNet()
{
    const std::string path = kRef + "tfsepnet64_state_dict.pt";
    const sb::Checkpoint ckpt = sb::readCheckpoint(path);
    sb::TfSepNet net = sb::loadTfSepNet(ckpt, sb::detectModel(ckpt, path), path);
    net->eval();
    return net;
}

sb::Beats referenceBeats()
{
    const std::string path = kRef + "beats_tiny.pt";
    const sb::Checkpoint ckpt = sb::readCheckpoint(path);
    sb::Beats net = sb::loadBeats(ckpt, sb::detectModel(ckpt, path), path);
    net->eval();
    return net;
}

std::vector<std::string> keys(const sb::StateDict& sd)
{
    std::vector<std::string> k;
    for (const auto& kv : sd) k.push_back(kv.first);
    return k;
}

}  // namespace

class TestModels : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { torch::set_num_threads(2); }

    void tfsepnetMatchesReference_data()
    {
        QTest::addColumn<bool>("channelsLast");
        QTest::newRow("channels-last") << true;
        QTest::newRow("NCHW") << false;
    }
    void tfsepnetMatchesReference()
    {
        QFETCH(bool, channelsLast);
        sb::TfSepNet net = referenceTfSepNet();
        QCOMPARE(net->config().width, 64);
        QCOMPARE(net->config().depth, 17);
        net->setChannelsLast(channelsLast);
        torch::NoGradGuard noGrad;
        const sb::TfSepNetOutput out = net->forwardAll(loadNpy("tfsepnet64_input.npy"));
        QVERIFY(maxAbsDiff(out.logits, loadNpy("tfsepnet64_logits.npy")) < 1e-4);
        const torch::Tensor map = loadNpy("tfsepnet64_feature_map.npy");
        QVERIFY(maxAbsDiff(out.featureMap, map) < 1e-4);
        QVERIFY(maxAbsDiff(out.embedding, map.mean({2, 3})) < 1e-5);
        QCOMPARE(out.embedding.size(1), int64_t(160));
        QVERIFY(maxAbsDiff(net->forward(loadNpy("tfsepnet64_input.npy")), out.logits) < 1e-6);
    }

    void tfsepnetKeysAndRoundTrip()
    {
        const sb::Checkpoint ref = sb::readCheckpoint(kRef + "tfsepnet64_state_dict.pt");
        QCOMPARE(ref.tensors.size(), size_t(254));
        // A fresh network names and orders its state exactly like the seed code.
        QCOMPARE(keys(sb::moduleStateDict(*sb::TfSepNet())), keys(ref.tensors));

        sb::TfSepNet net = referenceTfSepNet();
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("student.pt")).toStdString();
        sb::writeCheckpoint(path, sb::moduleStateDict(*net));
        const sb::Checkpoint back = sb::readCheckpoint(path);
        QCOMPARE(keys(back.tensors), keys(ref.tensors));
        for (size_t i = 0; i < back.tensors.size(); ++i)
            QVERIFY2(torch::equal(back.tensors[i].second, ref.tensors[i].second), back.tensors[i].first.c_str());
    }

    void tfsepnetShapeInference_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("depth");
        QTest::newRow("32/16") << 32 << 16;
        QTest::newRow("48/17") << 48 << 17;
        QTest::newRow("96/16") << 96 << 16;
    }
    void tfsepnetShapeInference()
    {
        QFETCH(int, width);
        QFETCH(int, depth);
        sb::TfSepNetConfig config;
        config.width = width;
        config.depth = depth;
        sb::TfSepNet net(config);
        sb::Checkpoint ckpt;
        for (const auto& [key, tensor] : sb::moduleStateDict(*net)) ckpt.tensors.emplace_back("backbone." + key, tensor);
        const sb::DetectedModel m = sb::detectModel(ckpt, "memory");
        QCOMPARE(m.prefix, std::string("backbone."));
        QCOMPARE(m.tfsepnet.width, width);
        QCOMPARE(m.tfsepnet.depth, depth);
        // Variable input sizes: 256 mels × 100 frames runs and gives (1, 10) logits.
        net->eval();
        torch::NoGradGuard noGrad;
        const auto out = net->forwardAll(torch::randn({1, 1, 256, 100}));
        QCOMPARE(out.logits.sizes().vec(), (std::vector<int64_t>{1, 10}));
        QCOMPARE(out.embedding.size(1), int64_t(width * 5 / 2));
    }

    void tfsepnetRejectsBadInput()
    {
        sb::TfSepNet net;
        QVERIFY_THROWS_EXCEPTION(sb::Error, net->forward(torch::zeros({1, 512, 64})));
        QVERIFY_THROWS_EXCEPTION(sb::Error, net->forward(torch::zeros({1, 2, 512, 64})));
        QVERIFY_THROWS_EXCEPTION(sb::Error, net->forward(torch::zeros({1, 1, 512, 8})));
        sb::TfSepNetConfig bad;
        bad.width = 30;
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::TfSepNet{bad});
        bad.width = 64;
        bad.depth = 18;
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::TfSepNet{bad});
    }

    void shuffledHalvesMatchSeedShuffle_data()
    {
        QTest::addColumn<int>("channels");
        QTest::addColumn<bool>("channelsLast");
        QTest::newRow("64 NCHW") << 64 << false;
        QTest::newRow("64 channels-last") << 64 << true;
        QTest::newRow("6 NCHW (odd halves)") << 6 << false;
        QTest::newRow("10 channels-last (odd halves)") << 10 << true;
    }
    void shuffledHalvesMatchSeedShuffle()
    {
        QFETCH(int, channels);
        QFETCH(bool, channelsLast);
        const int64_t c = channels;
        torch::Tensor x = torch::arange(2 * c * 3 * 4, torch::kFloat).reshape({2, c, 3, 4});
        if (channelsLast) x = x.contiguous(at::MemoryFormat::ChannelsLast);
        // The seed code's ShuffleLayer(groups = c/2), then torch.split into halves.
        const torch::Tensor seed = x.reshape({2, 2, c / 2, 3, 4}).transpose(1, 2).contiguous().reshape({2, c, 3, 4});
        const auto [first, second] = sb::shuffledHalves(x);
        QVERIFY(torch::equal(first, seed.narrow(1, 0, c / 2)));
        QVERIFY(torch::equal(second, seed.narrow(1, c / 2, c / 2)));
        if (c % 4 == 0)  // whole quarters: each half is its own copy in x's memory format
            QCOMPARE(first.is_contiguous(at::MemoryFormat::ChannelsLast) && !first.is_contiguous(), channelsLast);
    }

    void resNormMatchesFormula_data()
    {
        QTest::addColumn<QString>("layout");
        QTest::newRow("NCHW") << QStringLiteral("nchw");
        QTest::newRow("channels-last") << QStringLiteral("cl");
        QTest::newRow("strided view") << QStringLiteral("view");
    }
    void resNormMatchesFormula()
    {
        // The fused kernel (forward and backward) against the spec's formula through autograd
        // in double precision, on a non-zero mean so that cancellation would show.
        QFETCH(QString, layout);
        torch::manual_seed(3);
        torch::Tensor base = torch::randn({3, 12, 10, 7}) * 2 + 5;
        if (layout == "cl") base = base.contiguous(at::MemoryFormat::ChannelsLast);
        if (layout == "view") base = torch::randn({3, 12, 10, 9}).narrow(3, 1, 7) * 2 + 5;
        const torch::Tensor upstream = torch::randn({3, 12, 10, 7});

        const torch::Tensor x = base.detach().requires_grad_(true);
        const torch::Tensor y = sb::ResNorm()->forward(x);
        (y * upstream).sum().backward();

        const torch::Tensor xd = base.detach().to(torch::kDouble).requires_grad_(true);
        const auto [var, mean] = torch::var_mean(xd, {1, 3}, /*unbiased=*/true, /*keepdim=*/true);
        const torch::Tensor yd = 0.1 * xd + (xd - mean) / torch::sqrt(var + 1e-5);
        (yd * upstream.to(torch::kDouble)).sum().backward();

        QVERIFY2(maxAbsDiff(y.detach().to(torch::kDouble), yd.detach()) < 1e-5,
                 qPrintable(QString::number(maxAbsDiff(y.detach().to(torch::kDouble), yd.detach()))));
        const double gradErr = maxAbsDiff(x.grad().to(torch::kDouble), xd.grad());
        QVERIFY2(gradErr < 1e-5 * std::max(1.0, xd.grad().abs().max().item<double>()), qPrintable(QString::number(gradErr)));
        QCOMPARE(y.is_contiguous(at::MemoryFormat::ChannelsLast), layout == "cl");
    }

    void complexityOfTfSepNet64()
    {
        QElapsedTimer timer;
        timer.start();
        const sb::ModelComplexity c = sb::measureTfSepNet(64, 17, 512, 65);
        const qint64 ms = timer.elapsed();
        QCOMPARE(c.params, int64_t(126858));
        QCOMPARE(c.macs, int64_t(30734848));
        QCOMPARE(c.bytesFp32, int64_t(4 * 126858));
        QCOMPARE(c.bytesFp16, int64_t(2 * 126858));
        QCOMPARE(c.bytesInt8, int64_t(126858));
        int64_t layerParams = 0, layerMacs = 0;
        for (const auto& l : c.layers) {
            layerParams += l.params;
            layerMacs += l.macs;
        }
        QCOMPARE(layerParams, c.params);  // conv + BN rows hold every parameter
        QCOMPARE(layerMacs, c.macs);
        QCOMPARE(c.layers.front().name, std::string("conv_layers.0._conv"));
        QCOMPARE(c.layers.front().outputShape, (std::vector<int64_t>{1, 32, 256, 33}));
        QCOMPARE(c.layers.front().macs, int64_t(32 * 256 * 33 * 9));
        QCOMPARE(c.layers.back().name, std::string("classifier.conv"));
        QVERIFY(c.paramsWithinLimit());
        QVERIFY(!c.macsWithinLimit());  // 65 frames: 30.73 M, just over the 30 M limit
        QVERIFY(c.verdict().find("exceeds") != std::string::npos);
        // One second of CpMel is 64 frames: 29.41 M MACs, within the limits.
        QVERIFY(sb::measureTfSepNet(64, 17, 512, 64).withinLimits());
        // The UI calls it on every edit.
        QVERIFY2(ms < 100, qPrintable(QStringLiteral("measureTfSepNet took %1 ms").arg(ms)));
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::measureTfSepNet(64, 17, 16, 65));

        // The meter skips the convolutions; a real forward pass records the same rows.
        sb::TfSepNet net;
        net->eval();
        torch::NoGradGuard noGrad;
        sb::LayerRecorder real;
        net->forwardAll(torch::zeros({1, 1, 512, 65}), &real);
        QCOMPARE(real.layers().size(), c.layers.size());
        for (size_t i = 0; i < c.layers.size(); ++i) {
            QCOMPARE(real.layers()[i].name, c.layers[i].name);
            QCOMPARE(real.layers()[i].macs, c.layers[i].macs);
            QCOMPARE(real.layers()[i].params, c.layers[i].params);
            QCOMPARE(real.layers()[i].outputShape, c.layers[i].outputShape);
        }
    }

    void beatsTinyMatchesReference_data()
    {
        QTest::addColumn<QString>("clip");
        QTest::newRow("1 s") << QStringLiteral("1s");
        QTest::newRow("10 s (log buckets)") << QStringLiteral("10s");
    }
    void beatsTinyMatchesReference()
    {
        QFETCH(QString, clip);
        const std::string c = clip.toStdString();
        sb::Beats net = referenceBeats();
        torch::NoGradGuard noGrad;
        const torch::Tensor expected = loadNpy("beats_tiny_features_" + c + ".npy");
        const double scale = std::max(1.0, expected.abs().max().item<double>());
        const torch::Tensor fromFbank = net->forward(loadNpy("beats_fbank_" + c + ".npy"));
        QVERIFY2(maxAbsDiff(fromFbank, expected) < 1e-4 * scale,
                 qPrintable(QString::number(maxAbsDiff(fromFbank, expected))));
        // From the waveform through SceneBench's own Kaldi fbank (within 1e-3 of torchaudio's).
        const torch::Tensor fromWave = net->forward(sb::BeatsImpl::preprocess(loadNpy("beats_wave_" + c + "_16k.npy")));
        QVERIFY2(maxAbsDiff(fromWave, expected) < 2e-3 * scale, qPrintable(QString::number(maxAbsDiff(fromWave, expected))));
    }

    void beatsBucketsMatchOfficialSamples()
    {
        const torch::Tensor b = sb::relativePositionBuckets(496, 320, 800);
        // rel = j − i: 0→0, −1→1, 1→161, 80→240, −80→80, 495→303 (spec/beats.md §2.8).
        QCOMPARE(b[0][0].item<int64_t>(), int64_t(0));
        QCOMPARE(b[1][0].item<int64_t>(), int64_t(1));
        QCOMPARE(b[0][1].item<int64_t>(), int64_t(161));
        QCOMPARE(b[0][80].item<int64_t>(), int64_t(240));
        QCOMPARE(b[80][0].item<int64_t>(), int64_t(80));
        QCOMPARE(b[0][495].item<int64_t>(), int64_t(303));
    }

    void beatsSharesOneBiasAndSavesLikePyTorch()
    {
        const std::string path = kRef + "beats_tiny.pt";
        const sb::Checkpoint ref = sb::readCheckpoint(path);
        sb::Beats net = referenceBeats();
        // Registered once: parameters() lists the table once, the state dict thrice.
        int biasParams = 0;
        for (const auto& p : net->named_parameters())
            if (p.key().find("relative_attention_bias") != std::string::npos) ++biasParams;
        QCOMPARE(biasParams, 1);
        const sb::StateDict saved = net->stateDict();
        QCOMPARE(keys(saved), keys(ref.tensors));

        QTemporaryDir dir;
        const std::string out = dir.filePath(QStringLiteral("beats.pt")).toStdString();
        sb::writeCheckpoint(out, saved, net->config().toJson());
        const sb::Checkpoint back = sb::readCheckpoint(out);
        sb::Beats again = sb::loadBeats(back, sb::detectModel(back, out), out);
        again->eval();
        torch::NoGradGuard noGrad;
        const torch::Tensor fbank = loadNpy("beats_fbank_1s.npy");
        QVERIFY(torch::equal(net->forward(fbank), again->forward(fbank)));

        // A checkpoint whose layers disagree about the shared table is refused.
        sb::StateDict broken = ref.tensors;
        for (auto& [key, tensor] : broken)
            if (key == "encoder.layers.2.self_attn.relative_attention_bias.weight") tensor = tensor + 1;
        sb::Beats fresh(net->config());
        QVERIFY_THROWS_EXCEPTION(sb::Error, fresh->load(broken));
    }

    void beatsConfigErrorsNameTheKey()
    {
        nlohmann::json cfg = sb::readCheckpoint(kRef + "beats_tiny.pt").cfg;
        cfg["encoder_layers"] = "three";
        try {
            sb::BeatsConfig::fromJson(cfg, "x.pt: cfg");
            QFAIL("bad cfg accepted");
        } catch (const sb::Error& e) {
            QCOMPARE(e.where(), std::string("x.pt: cfg.encoder_layers"));
        }
        cfg["encoder_layers"] = 3;
        cfg["encoder_attention_heads"] = 5;
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::BeatsConfig::fromJson(cfg));
    }

    void layerwiseDecayGroups()
    {
        const sb::BeatsConfig cfg = sb::BeatsConfig::fromJson(sb::readCheckpoint(kRef + "beats_tiny.pt").cfg);
        sb::BeatsClassifier teacher(cfg, 10);
        const auto groups = teacher->layerwiseParamGroups(1e-4, 0.5);
        QCOMPARE(groups.size(), size_t(5));  // embedding, 3 layers, head
        QCOMPARE(groups.front().name, std::string("embedding"));
        QCOMPARE(groups.back().name, std::string("head"));
        QCOMPARE(groups.back().lr, 1e-4);
        QCOMPARE(groups[3].lr, 1e-4 * 0.5);     // last layer
        QCOMPARE(groups[1].lr, 1e-4 * 0.125);   // first layer
        QCOMPARE(groups[0].lr, 1e-4 * 0.0625);  // embedding
        QCOMPARE(groups.back().params.size(), size_t(2));
        int64_t total = 0;
        for (const auto& g : groups)
            for (const auto& p : g.params) total += p.numel();
        QCOMPARE(total, sb::countParameters(*teacher));
        // Each layer group holds exactly that layer's 19 tensors (the shared table sits in layer 0's).
        QCOMPARE(groups[2].params.size(), size_t(19));
        QCOMPARE(groups[1].params.size(), size_t(20));
    }

    void frozenEncoderTrainsOnlyTheHead()
    {
        const sb::BeatsConfig cfg = sb::BeatsConfig::fromJson(sb::readCheckpoint(kRef + "beats_tiny.pt").cfg);
        sb::BeatsClassifier teacher(cfg, 10);
        teacher->setEncoderFrozen(true);
        teacher->train();
        QVERIFY(!teacher->encoder->is_training());
        for (const auto& p : teacher->named_parameters())
            QVERIFY2(p.value().requires_grad() == (p.key().rfind("classifier.", 0) == 0), p.key().c_str());
        const auto groups = teacher->layerwiseParamGroups(1e-3, 0.75);
        QCOMPARE(groups.size(), size_t(1));
        QCOMPARE(groups.front().name, std::string("head"));

        const torch::Tensor logits = teacher->forward(loadNpy("beats_fbank_1s.npy"));
        QCOMPARE(logits.sizes().vec(), (std::vector<int64_t>{2, 10}));
        logits.sum().backward();
        for (const auto& p : teacher->named_parameters())
            QCOMPARE(p.value().grad().defined(), p.key().rfind("classifier.", 0) == 0);

        teacher->setEncoderFrozen(false);
        teacher->train();
        QVERIFY(teacher->encoder->is_training());
        QCOMPARE(teacher->layerwiseParamGroups(1e-3, 0.75).size(), size_t(5));
    }

    void teacherStateDictRoundTrip()
    {
        const sb::Checkpoint ref = sb::readCheckpoint(kRef + "beats_tiny.pt");
        const sb::BeatsConfig cfg = sb::BeatsConfig::fromJson(ref.cfg);
        sb::BeatsClassifier teacher(cfg, 10);
        teacher->loadEncoder(ref.tensors);
        QTemporaryDir dir;
        const std::string out = dir.filePath(QStringLiteral("teacher.pt")).toStdString();
        sb::writeCheckpoint(out, teacher->stateDict(), cfg.toJson());
        const sb::Checkpoint back = sb::readCheckpoint(out);
        const sb::DetectedModel m = sb::detectModel(back, out);
        QVERIFY(m.kind == sb::ModelKind::BeatsTeacher);
        QCOMPARE(m.classes, 10);
        sb::BeatsClassifier again = sb::loadBeatsTeacher(back, m, out);
        teacher->eval();
        again->eval();
        torch::NoGradGuard noGrad;
        const torch::Tensor fbank = loadNpy("beats_fbank_1s.npy");
        QVERIFY(torch::equal(teacher->forward(fbank), again->forward(fbank)));
    }

    void complexityOfBeats()
    {
        const sb::BeatsConfig cfg = sb::BeatsConfig::fromJson(sb::readCheckpoint(kRef + "beats_tiny.pt").cfg);
        const sb::ModelComplexity c = sb::measureBeats(cfg, 0, 98);
        // Analytic count (spec/beats.md): N = 48 tokens; patch conv N·32·256, projection
        // N·32·64; the position conv's hook sees N + 1 outputs (SamePad trims one later),
        // each 64·4·16; per layer 4N·64² + 2N·64·128 + the gate's N·4·16·8.
        const int64_t n = 48;
        const int64_t expected = n * 32 * 256 + n * 32 * 64 + (n + 1) * 64 * 4 * 16 +
                                 3 * (4 * n * 64 * 64 + 2 * n * 64 * 128 + n * 4 * 16 * 8);
        QCOMPARE(c.macs, expected);
        QCOMPARE(c.params, sb::countParameters(*sb::Beats(cfg)));
    }
};

QTEST_GUILESS_MAIN(TestModels)
#include "tst_Models.moc"
