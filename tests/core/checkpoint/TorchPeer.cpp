#include "TorchPeer.h"

#include <QByteArray>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>

#include <stdexcept>

static const QString kPython = QStringLiteral("/usr/bin/python3");

bool TorchPeer::available()
{
    static const bool found = [] {  // importing torch takes seconds: ask once per test run
        if (!QFile::exists(kPython)) return false;
        QProcess p;
        p.start(kPython, {QStringLiteral("-c"), QStringLiteral("import torch")});
        return p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    }();
    return found;
}

QJsonObject TorchPeer::dump(const QString& path, bool weightsOnly)
{
    QStringList args{QStringLiteral(SCENEBENCH_TEST_DATA "/checkpoints/torch_dump.py"), path};
    if (weightsOnly) args << QStringLiteral("--weights-only");
    QProcess p;
    p.start(kPython, args);
    if (!p.waitForFinished(120000) || p.exitCode() != 0)
        throw std::runtime_error("torch.load failed: " + p.readAllStandardError().toStdString());
    return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
}

QString TorchPeer::hexOf(const torch::Tensor& t)
{
    const auto c = t.contiguous();
    const QByteArray bytes(static_cast<const char*>(c.data_ptr()), static_cast<qsizetype>(c.nbytes()));
    return QString::fromLatin1(bytes.toHex());
}
