// Tests of core/checkpoint: reading the reference checkpoints and a Lightning checkpoint,
// refusing hostile files, writing files that stock PyTorch loads, and state dict loading.
#include "core/checkpoint/Checkpoint.h"
#include "core/common/Error.h"
#include "core/common/Npy.h"

#include "TorchPeer.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <map>

namespace {

const std::string kData = SCENEBENCH_TEST_DATA;
const char* const kPwned = "/tmp/scenebench_pwned_by_checkpoint";

torch::Tensor byName(const sb::StateDict& sd, const std::string& name)
{
    for (const auto& [n, t] : sd)
        if (n == name) return t;
    throw std::runtime_error("no tensor " + name);
}

// The .npy ground truth written by make_fixtures.py with torch.load.
torch::Tensor truth(const std::string& name)
{
    const auto a = sb::readNpy(kData + "/checkpoints/truth/" + name + ".npy");
    if (a.dtype == "<i8") return torch::tensor(a.toInt64()).reshape(a.shape);
    return torch::tensor(a.toFloat()).reshape(a.shape);
}

std::vector<std::string> names(const sb::StateDict& sd)
{
    std::vector<std::string> out;
    for (const auto& [n, t] : sd) out.push_back(n);
    return out;
}

std::string pythonDtype(c10::ScalarType t)
{
    const std::map<c10::ScalarType, std::string> names = {
        {torch::kFloat, "float32"}, {torch::kDouble, "float64"}, {torch::kHalf, "float16"}, {torch::kBFloat16, "bfloat16"},
        {torch::kLong, "int64"},    {torch::kInt, "int32"},      {torch::kByte, "uint8"},   {torch::kBool, "bool"}};
    return names.at(t);
}

// Every dtype the format carries, a shared storage, a strided view, a scalar and an empty tensor.
sb::StateDict varietyStateDict()
{
    torch::manual_seed(3);
    const auto shared = torch::randn({4, 3});
    return {
        {"f32", torch::randn({2, 3})},
        {"f64", torch::randn({3}, torch::kDouble)},
        {"f16", torch::randn({5}).to(torch::kHalf)},
        {"bf16", torch::randn({5}).to(torch::kBFloat16)},
        {"i64", torch::arange(-3, 4, torch::kLong)},
        {"i32", torch::arange(0, 6, torch::kInt).reshape({2, 3})},
        {"u8", torch::arange(250, 256).to(torch::kByte)},
        {"bool", torch::tensor({true, false, true})},
        {"scalar", torch::tensor(7.5)},
        {"empty", torch::zeros({0, 4})},
        {"layer0.bias_table", shared},
        {"layer1.bias_table", shared},
        {"transposed", shared.t()},
        {"slice", shared.select(0, 2)},
    };
}

}  // namespace

class TestCheckpoint : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { std::remove(kPwned); }

    void readsOfficialBeatsLayout()
    {
        const auto ck = sb::readCheckpoint(kData + "/reference/beats_tiny.pt");
        QCOMPARE(ck.layout, std::string("beats"));
        QCOMPARE(ck.cfg["encoder_layers"].get<int>(), 3);
        QCOMPARE(ck.cfg["embed_dim"].get<int>(), 32);
        QCOMPARE(ck.cfg["encoder_embed_dim"].get<int>(), 64);
        QCOMPARE(ck.cfg["max_distance"].get<int>(), 800);
        QCOMPARE(ck.cfg["deep_norm"].get<bool>(), true);
        QCOMPARE(ck.cfg["encoder_layerdrop"].get<double>(), 0.05);
        QCOMPARE(ck.cfg["activation_fn"].get<std::string>(), std::string("gelu"));
        QCOMPARE(ck.cfg.size(), size_t(25));
        QVERIFY(ck.labelDict.is_null());
        QCOMPARE(ck.tensors.size(), size_t(10 + 20 * 3));  // spec/beats.md: 10 top-level + 20 per layer
        QCOMPARE(ck.tensors.front().first, std::string("post_extract_proj.weight"));
        QCOMPARE(byName(ck.tensors, "patch_embedding.weight").sizes(), (c10::IntArrayRef{32, 1, 16, 16}));
        QVERIFY(torch::equal(byName(ck.tensors, "patch_embedding.weight"), truth("beats_patch_embedding.weight")));
        QVERIFY(torch::equal(byName(ck.tensors, "encoder.pos_conv.0.weight_g"), truth("beats_encoder.pos_conv.0.weight_g")));
        // One relative_attention_bias storage, referenced by every layer.
        const auto bias0 = byName(ck.tensors, "encoder.layers.0.self_attn.relative_attention_bias.weight");
        QCOMPARE(bias0.sizes(), (c10::IntArrayRef{320, 4}));
        for (int layer = 1; layer < 3; ++layer) {
            const auto bias = byName(ck.tensors, "encoder.layers." + std::to_string(layer) +
                                                     ".self_attn.relative_attention_bias.weight");
            QCOMPARE(bias.data_ptr(), bias0.data_ptr());
        }
        QVERIFY(torch::equal(bias0, truth("beats_encoder.layers.2.self_attn.relative_attention_bias.weight")));
    }

    void readsPlainStateDict()
    {
        const auto ck = sb::readCheckpoint(kData + "/reference/tfsepnet64_state_dict.pt");
        const auto manifest = nlohmann::json::parse(std::ifstream(kData + "/reference/manifest.json"));
        const auto& entry = manifest["tfsepnet64_state_dict.pt"];
        QCOMPARE(ck.layout, std::string("state_dict"));
        QVERIFY(ck.cfg.is_null());
        QCOMPARE(ck.tensors.size(), entry["n_keys"].get<size_t>());
        const auto firstKeys = entry["first_keys"].get<std::vector<std::string>>();
        for (size_t i = 0; i < firstKeys.size(); ++i) QCOMPARE(ck.tensors[i].first, firstKeys[i]);
        int64_t params = 0;
        for (const auto& [name, t] : ck.tensors) {
            const bool bnBuffer = name.find("running_") != std::string::npos || name.find("num_batches_tracked") != std::string::npos;
            if (!bnBuffer) params += t.numel();
        }
        QCOMPARE(params, entry["params"].get<int64_t>());
        QVERIFY(torch::equal(byName(ck.tensors, "conv_layers.0._conv.weight"), truth("tfsepnet_conv_layers.0._conv.weight")));
        QVERIFY(torch::equal(byName(ck.tensors, "conv_layers.1._bn.running_var"), truth("tfsepnet_conv_layers.1._bn.running_var")));
        const auto tracked = byName(ck.tensors, "conv_layers.0._bn.num_batches_tracked");
        QCOMPARE(tracked.scalar_type(), torch::kLong);
        QVERIFY(torch::equal(tracked, truth("tfsepnet_conv_layers.0._bn.num_batches_tracked")));
    }

    void readsLightningCheckpoint()
    {
        const auto ck = sb::readCheckpoint(kData + "/checkpoints/lightning_tiny.ckpt");
        QCOMPARE(ck.layout, std::string("lightning"));
        QCOMPARE(names(ck.tensors), (std::vector<std::string>{
                     "backbone.0.weight", "backbone.0.bias", "backbone.1.weight", "backbone.1.bias",
                     "backbone.1.running_mean", "backbone.1.running_var", "backbone.1.num_batches_tracked",
                     "backbone.3.weight", "backbone.3.bias"}));
        QCOMPARE(ck.extras["epoch"].get<int>(), 41);
        QCOMPARE(ck.extras["global_step"].get<int>(), 12345);
        QCOMPARE(ck.extras["pytorch-lightning_version"].get<std::string>(), std::string("2.1.0"));
        // The seed code's hyper-parameters hold its own classes: named, never built.
        QCOMPARE(ck.ignoredObjects, (std::vector<std::string>{"lightning_fabric.utilities.data.AttributeDict",
                                                              "util.data_augmentation.MixUp"}));
        const auto plain = sb::stripPrefix(ck.tensors, "backbone.");
        QCOMPARE(plain.front().first, std::string("0.weight"));
        QVERIFY(torch::equal(plain.front().second, truth("lightning_backbone.0.weight")));

        torch::nn::Sequential net(torch::nn::Conv2d(1, 4, 3), torch::nn::BatchNorm2d(4), torch::nn::Flatten(),
                                  torch::nn::Linear(64, 10));
        const auto report = sb::loadStateDict(*net, plain);
        QVERIFY2(report.ok(), report.describe().c_str());
        QVERIFY(torch::equal(net->named_parameters()["0.weight"], truth("lightning_backbone.0.weight")));
    }

    void readsParametersAndProtocol4()
    {
        // nn.Parameter (_rebuild_parameter), requires_grad tensors and a transposed view.
        const auto params = sb::readCheckpoint(kData + "/checkpoints/parameters.pt");
        QCOMPARE(names(params.tensors), (std::vector<std::string>{"w", "b", "w_t"}));
        QVERIFY(torch::equal(byName(params.tensors, "w"), truth("parameters_w")));
        QVERIFY(torch::equal(byName(params.tensors, "w_t"), truth("parameters_w").t()));
        QCOMPARE(byName(params.tensors, "w_t").data_ptr(), byName(params.tensors, "w").data_ptr());
        QVERIFY(!byName(params.tensors, "w").requires_grad());
        // pickle_protocol=4: FRAME, MEMOIZE, SHORT_BINUNICODE.
        const auto p4 = sb::readCheckpoint(kData + "/checkpoints/protocol4.pt");
        QVERIFY(torch::equal(byName(p4.tensors, "x"), torch::arange(6.f).reshape({2, 3})));
        QVERIFY(torch::equal(byName(p4.tensors, "y"), torch::ones({2}, torch::kBool)));
    }

    void readsAndWritesBeatsLabelDict()
    {
        const auto ck = sb::readCheckpoint(kData + "/checkpoints/beats_finetuned_labels.pt");
        QCOMPARE(ck.layout, std::string("beats"));
        QCOMPARE(ck.labelDict, nlohmann::json({{"0", "/m/09x0r"}, {"1", "/m/05zppz"}, {"2", "/m/02zsn"}}));
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("labels.pt"));
        sb::writeCheckpoint(out.toStdString(), ck);
        QCOMPARE(sb::readCheckpoint(out.toStdString()).labelDict, ck.labelDict);
        if (!TorchPeer::available()) QSKIP("/usr/bin/python3 with torch is not installed (apt install python3-torch)");
        QProcess python;  // the official files map int class index -> label; so must ours
        python.start(QStringLiteral("/usr/bin/python3"),
                     {QStringLiteral("-c"), QStringLiteral("import sys, torch; print(torch.load(sys.argv[1])['label_dict'])"), out});
        QVERIFY(python.waitForFinished(120000));
        QCOMPARE(python.readAllStandardOutput().trimmed(), QByteArray("{0: '/m/09x0r', 1: '/m/05zppz', 2: '/m/02zsn'}"));
    }

    void refusesHostileFiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("reason");
        QTest::newRow("not a zip") << "not_a_zip.pt" << "not a zip archive";
        QTest::newRow("truncated zip") << "truncated_zip.pt" << "not a zip archive or truncated";
        QTest::newRow("bit flip") << "bit_flip.pt" << "CRC mismatch";
        QTest::newRow("compressed record") << "compressed.pt" << "is compressed";
        QTest::newRow("wrong storage size") << "wrong_storage_size.pt" << "declares 6 elements";
        QTest::newRow("huge numel") << "huge_numel.pt" << "but its record holds 16 bytes";
        QTest::newRow("missing storage") << "missing_storage.pt" << "storage record 'archive/data/0' is missing";
        QTest::newRow("shape past storage") << "shape_past_storage.pt" << "reaches past its storage";
        QTest::newRow("stride past storage") << "stride_past_storage.pt" << "reaches past its storage";
        QTest::newRow("offset past storage") << "offset_past_storage.pt" << "reaches past its storage";
        QTest::newRow("negative stride") << "negative_stride.pt" << "not a non-negative integer";
        QTest::newRow("builtins.eval") << "builtins_eval.pt" << "refused global 'builtins.eval'";
        QTest::newRow("builtins.exec") << "builtins_exec.pt" << "refused global 'builtins.exec'";
        QTest::newRow("os.system") << "os_system.pt" << "refused global 'posix.system'";
        QTest::newRow("os.system in state dict") << "os_system_in_state_dict.pt" << "refused global 'os.system'";
        QTest::newRow("subprocess in lightning") << "subprocess_in_lightning.pt" << "refused global 'subprocess.check_call'";
        QTest::newRow("foreign object as tensor") << "foreign_object_as_tensor.pt" << "object of class 'mymodule.Thing'";
        QTest::newRow("INST opcode") << "inst_opcode.pt" << "refused pickle opcode 0x69";
        QTest::newRow("truncated pickle") << "truncated_pickle.pt" << "truncated pickle";
        QTest::newRow("oversized string") << "oversized_string.pt" << "truncated pickle: needs 2147483647 more bytes";
        QTest::newRow("memo before put") << "memo_before_put.pt" << "used before it was stored";
        QTest::newRow("deep MARKs") << "deep_marks.pt" << "nested too deeply";
        QTest::newRow("deep lists in cfg") << "deep_lists_cfg.pt" << "nested more than 64 levels";
        QTest::newRow("shared lists in cfg") << "shared_lists_cfg.pt" << "holds too many values";
        QTest::newRow("builtins.open marker") << "open_marker.pt" << "refused global 'builtins.open'";
        QTest::newRow("posix.system marker") << "system_marker.pt" << "refused global 'posix.system'";
    }

    void refusesHostileFiles()
    {
        QFETCH(QString, file);
        QFETCH(QString, reason);
        const std::string path = kData + "/checkpoints/hostile/" + file.toStdString();
        try {
            sb::readCheckpoint(path);
            QFAIL("hostile checkpoint accepted");
        } catch (const sb::Error& e) {
            QVERIFY2(QString::fromStdString(e.what()).contains(reason), e.what());
            QVERIFY2(e.where().rfind(path, 0) == 0, e.where().c_str());  // names the file
        }
        QVERIFY2(!QFile::exists(kPwned), "a hostile checkpoint ran code");
    }

    void hostilePayloadLeavesNoMarker_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("global");
        QTest::newRow("builtins.open") << "open_marker.pt" << "builtins.open";
        QTest::newRow("posix.system") << "system_marker.pt" << "posix.system";
    }

    void hostilePayloadLeavesNoMarker()
    {
        // Live exploits (make_fixtures.py marker_payloads): Python's unpickler run on them in a
        // directory creates ./scenebench_marker there. Ours, library and CLI, must leave it empty.
        QFETCH(QString, file);
        QFETCH(QString, global);
        const QString path = QString::fromStdString(kData) + "/checkpoints/hostile/" + file;
        const QString refusal = "refused global '" + global + "'";
        QTemporaryDir work;
        QVERIFY(work.isValid());
        const QDir dir(work.path());
        const auto entries = [&dir] {
            return dir.entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
        };

        const QString previous = QDir::currentPath();
        QVERIFY(QDir::setCurrent(work.path()));
        QString libraryError;
        try {
            sb::readCheckpoint(path.toStdString());
        } catch (const sb::Error& e) {
            libraryError = QString::fromStdString(e.what());
        }
        QVERIFY(QDir::setCurrent(previous));
        QVERIFY2(libraryError.contains(refusal), qPrintable("not refused as expected: " + libraryError));
        QVERIFY2(entries().isEmpty(), qPrintable("the reader wrote into its working directory: " + entries().join(", ")));

        QProcess cli;
        cli.setWorkingDirectory(work.path());
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), work.path());  // a config or cache file written there shows too
        cli.setProcessEnvironment(env);
        cli.start(QStringLiteral(SCENEBENCH_BIN_DIR "/scenebench-cli"),
                  {QStringLiteral("model"), QStringLiteral("inspect"), QStringLiteral("--checkpoint"), path});
        QVERIFY(cli.waitForFinished(60000));
        const QString err = QString::fromUtf8(cli.readAllStandardError());
        QCOMPARE(cli.exitStatus(), QProcess::NormalExit);
        QCOMPARE(cli.exitCode(), 2);
        QVERIFY2(err.contains(refusal), qPrintable(err));
        QVERIFY2(!dir.exists(QStringLiteral("scenebench_marker")), "a hostile checkpoint ran code");
        QVERIFY2(entries().isEmpty(), qPrintable("the CLI wrote into its working directory: " + entries().join(", ")));
    }

    void hostileTemplateIsValid()
    {
        // The hostile files differ from this one in one defect each; it must load.
        const auto ck = sb::readCheckpoint(kData + "/checkpoints/hostile/valid_control.pt");
        QCOMPARE(ck.tensors.size(), size_t(1));
        QVERIFY(torch::equal(ck.tensors[0].second, torch::tensor({1.f, 2.f, 3.f, 4.f})));
    }

    void writeThenReadIsExact()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("variety.pt")).toStdString();
        const auto written = varietyStateDict();
        sb::writeCheckpoint(path, written);
        const auto ck = sb::readCheckpoint(path);
        QCOMPARE(ck.layout, std::string("state_dict"));
        QCOMPARE(names(ck.tensors), names(written));
        for (size_t i = 0; i < written.size(); ++i) {
            const auto& a = written[i].second;
            const auto& b = ck.tensors[i].second;
            QCOMPARE(b.scalar_type(), a.scalar_type());
            QCOMPARE(b.sizes(), a.sizes());
            QCOMPARE(b.strides(), a.strides());
            QVERIFY2(torch::equal(a, b), written[i].first.c_str());
        }
        // One storage for the shared table and its views, as torch.save would write it.
        const auto base = byName(ck.tensors, "layer0.bias_table").data_ptr<float>();
        QCOMPARE(byName(ck.tensors, "layer1.bias_table").data_ptr<float>(), base);
        QCOMPARE(byName(ck.tensors, "transposed").data_ptr<float>(), base);
        QCOMPARE(byName(ck.tensors, "slice").data_ptr<float>(), base + 6);
    }

    void writerOutputLoadsInPyTorch()
    {
        if (!TorchPeer::available()) QSKIP("/usr/bin/python3 with torch is not installed (apt install python3-torch)");
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("variety.pt"));
        const auto written = varietyStateDict();
        sb::writeCheckpoint(path.toStdString(), written);
        const auto seen = TorchPeer::dump(path, /*weightsOnly=*/true);
        const auto tensors = seen[QStringLiteral("tensors")].toArray();
        QCOMPARE(tensors.size(), qsizetype(written.size()));
        for (qsizetype i = 0; i < tensors.size(); ++i) {
            const auto t = tensors[i].toObject();
            const auto& [name, tensor] = written[static_cast<size_t>(i)];
            QCOMPARE(t[QStringLiteral("name")].toString().toStdString(), name);
            QCOMPARE(t[QStringLiteral("dtype")].toString().toStdString(), pythonDtype(tensor.scalar_type()));
            std::vector<int64_t> shape;
            for (const auto s : t[QStringLiteral("shape")].toArray()) shape.push_back(s.toInteger());
            QCOMPARE(shape, tensor.sizes().vec());
            QCOMPARE(t[QStringLiteral("hex")].toString(), TorchPeer::hexOf(tensor));
        }
        const auto shared = seen[QStringLiteral("shared")].toArray();
        QCOMPARE(shared.size(), qsizetype(1));
        QCOMPARE(shared[0].toArray().size(), qsizetype(4));  // both tables, the transpose and the slice
    }

    void beatsRoundTripInPyTorch()
    {
        QTemporaryDir dir;
        const std::string out = dir.filePath(QStringLiteral("beats_copy.pt")).toStdString();
        const auto original = sb::readCheckpoint(kData + "/reference/beats_tiny.pt");
        sb::writeCheckpoint(out, original);
        const auto copy = sb::readCheckpoint(out);
        QCOMPARE(copy.layout, std::string("beats"));
        QCOMPARE(copy.cfg, original.cfg);
        QCOMPARE(names(copy.tensors), names(original.tensors));
        for (size_t i = 0; i < copy.tensors.size(); ++i) QVERIFY(torch::equal(copy.tensors[i].second, original.tensors[i].second));
        if (!TorchPeer::available()) QSKIP("/usr/bin/python3 with torch is not installed (apt install python3-torch)");
        // torch 1.13's weights_only unpickler lacks BINFLOAT, which every BEATs cfg needs
        // (the official files too), so this file is checked with a plain torch.load.
        const auto a = TorchPeer::dump(QString::fromStdString(kData + "/reference/beats_tiny.pt"), false);
        const auto b = TorchPeer::dump(QString::fromStdString(out), false);
        QCOMPARE(b, a);  // names, dtypes, shapes, bytes, shared storages, cfg: all identical
    }

    void moduleStateDictFollowsPyTorchOrder()
    {
        torch::nn::Sequential net(torch::nn::Conv2d(1, 2, 3), torch::nn::BatchNorm2d(2));
        QCOMPARE(names(sb::moduleStateDict(*net)),
                 (std::vector<std::string>{"0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var",
                                           "1.num_batches_tracked"}));
    }

    void loadStateDictReportsMismatches()
    {
        torch::nn::Sequential net(torch::nn::Linear(3, 2), torch::nn::BatchNorm1d(2));
        auto sd = sb::moduleStateDict(*net);
        sb::StateDict edited;
        for (const auto& [name, t] : sd) {
            if (name == "1.running_var") continue;                                       // missing
            if (name == "0.weight") edited.emplace_back(name, torch::ones({2, 4}));    // misshaped
            else edited.emplace_back(name, torch::full_like(t, 5));
        }
        edited.emplace_back("2.weight", torch::ones({1}));  // unexpected
        try {
            sb::loadStateDict(*net, edited);
            QFAIL("strict load accepted a mismatching state dict");
        } catch (const sb::Error& e) {
            const QString what = QString::fromStdString(e.what());
            QVERIFY(what.contains("1.running_var") && what.contains("2.weight") && what.contains("0.weight: checkpoint [2, 4] vs model [2, 3]"));
        }
        QVERIFY(!torch::equal(net->named_parameters()["0.bias"], torch::full({2}, 5.f)));  // strict copies nothing
        const auto report = sb::loadStateDict(*net, edited, /*strict=*/false);
        QCOMPARE(report.missing, std::vector<std::string>{"1.running_var"});
        QCOMPARE(report.unexpected, std::vector<std::string>{"2.weight"});
        QCOMPARE(report.misshaped, std::vector<std::string>{"0.weight"});
        QVERIFY(torch::equal(net->named_parameters()["0.bias"], torch::full({2}, 5.f)));  // the rest is copied
    }

    void writerRefusesBadInput()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("bad.pt")).toStdString();
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::writeCheckpoint(path, {{"a", torch::ones(1)}, {"a", torch::ones(1)}}));
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::writeCheckpoint(path, {{"a", torch::Tensor()}}));
        QVERIFY(!QFile::exists(QString::fromStdString(path)));  // nothing half-written
    }
};

QTEST_GUILESS_MAIN(TestCheckpoint)
#include "tst_Checkpoint.moc"
