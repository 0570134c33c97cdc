// Tests of plot export: PNG, PDF, SVG and CSV files are written, non-empty and of the
// right kind; the CSV holds the plotted numbers; a bad suffix is refused by name.
#include "ui/main/Theme.h"
#include "ui/plots/PlotExporter.h"
#include "ui/plots/PlotWidget.h"

#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>
#include <qcustomplot.h>

using sb::ui::PlotExporter;

namespace {

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

}  // namespace

class TestPlotExport : public QObject {
    Q_OBJECT
private slots:
    void init()
    {
        plot_ = std::make_unique<sb::ui::PlotWidget>(QStringLiteral("Export test"), &theme_);
        QCustomPlot* p = plot_->plot();
        QCPGraph* a = p->addGraph();
        a->setName(QStringLiteral("student loss"));
        for (int i = 0; i < 50; ++i) a->addData(i, 2.0 / (1 + i));
        QCPGraph* b = p->addGraph();
        b->setName(QStringLiteral("teacher, val"));  // a comma: CSV must quote it
        b->addData(0, 0.5);
        b->addData(10, 0.75);
        plot_->resize(640, 400);
        plot_->show();
        plot_->resetZoom();
    }

    void writesEveryFormat_data()
    {
        QTest::addColumn<QString>("suffix");
        QTest::addColumn<QByteArray>("magic");
        QTest::newRow("png") << QStringLiteral("png") << QByteArray("\x89PNG");
        QTest::newRow("pdf") << QStringLiteral("pdf") << QByteArray("%PDF");
        QTest::newRow("svg") << QStringLiteral("svg") << QByteArray("<?xml");
        QTest::newRow("csv") << QStringLiteral("csv") << QByteArray("series,x,y");
    }

    void writesEveryFormat()
    {
        QFETCH(QString, suffix);
        QFETCH(QByteArray, magic);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("plot.") + suffix);
        QCOMPARE(PlotExporter::save(*plot_->plot(), path, 800, 500), QString());
        const QByteArray bytes = readAll(path);
        QVERIFY2(bytes.size() > 100, qPrintable(path));
        QVERIFY(bytes.startsWith(magic));
        if (suffix == QLatin1String("png")) {
            const QImage image(path);
            QCOMPARE(image.size(), QSize(800, 500));
        }
        if (suffix == QLatin1String("svg")) {
            QVERIFY(bytes.contains("<svg"));
            QVERIFY(bytes.contains("student loss"));  // the legend made it into the file
        }
    }

    void csvHoldsTheNumbers()
    {
        const QStringList lines = PlotExporter::toCsv(*plot_->plot()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1 + 50 + 2);
        QCOMPARE(lines[0], QStringLiteral("series,x,y"));
        QCOMPARE(lines[1], QStringLiteral("student loss,0,2"));
        QCOMPARE(lines[2], QStringLiteral("student loss,1,1"));
        QCOMPARE(lines[51], QStringLiteral("\"teacher, val\",0,0.5"));
    }

    void colourMapCellsExported()
    {
        QCustomPlot* p = plot_->plot();
        auto* map = new QCPColorMap(p->xAxis, p->yAxis);
        map->setName(QStringLiteral("counts"));
        map->data()->setSize(3, 2);
        map->data()->setRange(QCPRange(0, 2), QCPRange(0, 1));
        map->data()->setCell(2, 1, 17);
        const QString csv = PlotExporter::toCsv(*p);
        QVERIFY(csv.startsWith(QStringLiteral("series,x,y,value\n")));
        QVERIFY(csv.contains(QStringLiteral("counts,2,1,17\n")));
        QVERIFY(csv.contains(QStringLiteral("student loss,0,2,\n")));
    }

    void refusesUnknownFormat()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("plot.bmpx"));
        const QString error = PlotExporter::save(*plot_->plot(), path);
        QVERIFY(error.contains(path));
        QVERIFY(!QFile::exists(path));
    }

    void cleanup() { plot_.reset(); }

private:
    sb::ui::Theme theme_;
    std::unique_ptr<sb::ui::PlotWidget> plot_;
};

QTEST_MAIN(TestPlotExport)
#include "tst_PlotExport.moc"
