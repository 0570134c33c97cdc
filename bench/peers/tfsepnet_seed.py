"""TF-SepNet as the seed code defines it (yqcai888/easy_dcase_task1, model/backbones.py),
written from shared/spec/science.md: the Python peer of bench/models. Module names and
registration order are the seed code's, so its state dict is the reference checkpoint's
(tests/data/reference/tfsepnet64_state_dict.pt); it runs NCHW, as the seed code does.

Checked against tests/data/reference (tfsepnet64_* files) by bench/peers/check_peers.py.
"""
import torch
from torch import nn


class ConvBnRelu(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size=1, stride=1, padding=0, groups=1):
        super().__init__()
        self._conv = nn.Conv2d(in_channels, out_channels, kernel_size, stride=stride, padding=padding,
                               groups=groups, bias=False)
        self._bn = nn.BatchNorm2d(out_channels)
        self._relu = nn.ReLU(inplace=True)

    def forward(self, x):
        return self._relu(self._bn(self._conv(x)))


class ResNorm(nn.Module):
    """0.1·x + (x − mean) / sqrt(var + eps), statistics over channels and time."""

    def __init__(self, lamb=0.1, eps=1e-5):
        super().__init__()
        self.lamb = lamb
        self.eps = eps

    def forward(self, x):
        identity = x
        fi_mean = x.mean((1, 3), keepdim=True)
        fi_var = x.var((1, 3), keepdim=True)
        fin_x = (x - fi_mean) / (fi_var + self.eps).sqrt()
        return self.lamb * identity + fin_x


class ShuffleLayer(nn.Module):
    def __init__(self, group):
        super().__init__()
        self.group = group

    def forward(self, x):
        b, c, f, t = x.size()
        group_channels = c // self.group
        x = x.reshape(b, group_channels, self.group, f, t)
        x = torch.transpose(x, 1, 2).contiguous()
        return x.reshape(b, c, f, t)


class TimeFreqSepConvs(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size=3, dropout_rate=0.1):
        super().__init__()
        self.transition = in_channels != out_channels
        self.half_channels = out_channels // 2
        half = self.half_channels
        if self.transition:
            self.trans_conv = ConvBnRelu(in_channels, out_channels, 1)
        self.freq_dw_conv = ConvBnRelu(half, half, (kernel_size, 1), padding=(kernel_size // 2, 0), groups=half)
        self.freq_pw_conv = ConvBnRelu(half, half, 1)
        self.temp_dw_conv = ConvBnRelu(half, half, (1, kernel_size), padding=(0, kernel_size // 2), groups=half)
        self.temp_pw_conv = ConvBnRelu(half, half, 1)
        self.dropout = nn.Dropout(dropout_rate)
        self.shuffle_layer = ShuffleLayer(out_channels // 2)

    def forward(self, x):
        if self.transition:
            x = self.trans_conv(x)
        x = self.shuffle_layer(x)
        x1, x2 = torch.split(x, self.half_channels, dim=1)
        identity1, identity2 = x1, x2
        x1 = self.freq_dw_conv(x1)
        x1 = x1.mean(2, keepdim=True)
        x1 = self.freq_pw_conv(x1)
        x1 = self.dropout(x1)
        x1 = x1 + identity1
        x2 = self.temp_dw_conv(x2)
        x2 = x2.mean(3, keepdim=True)
        x2 = self.temp_pw_conv(x2)
        x2 = self.dropout(x2)
        x2 = x2 + identity2
        return torch.cat((x1, x2), dim=1)


class Classifier(nn.Module):
    def __init__(self, in_channels, num_classes):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, num_classes, 1, bias=True)

    def forward(self, x):
        return self.conv(x).mean((-1, -2))


class TfSepNet(nn.Module):
    def __init__(self, in_channels=1, num_classes=10, base_channels=64, depth=17, kernel_size=3, dropout=0.1):
        super().__init__()
        c = base_channels
        self.conv_layers = nn.Sequential(
            ConvBnRelu(in_channels, c // 2, 3, stride=2, padding=1),
            ConvBnRelu(c // 2, 2 * c, 3, stride=2, padding=1, groups=c // 2))
        plan = ["N", 1, 1, "N", "M", 1.5, 1.5, "N", "M", 2, 2, "N", "M", 2.5, 2.5, 2.5, "N"]
        if depth == 16:
            plan.pop(12)  # depth 16 has no max-pool before the 2.5·C blocks
        layers, channels = [], 2 * c
        for step in plan:
            if step == "N":
                layers.append(ResNorm())
            elif step == "M":
                layers.append(nn.MaxPool2d(2, 2))
            else:
                out = int(step * c)
                layers.append(TimeFreqSepConvs(channels, out, kernel_size, dropout))
                channels = out
        self.middle_layers = nn.Sequential(*layers)
        self.classifier = Classifier(channels, num_classes)

    def forward(self, x):
        return self.classifier(self.middle_layers(self.conv_layers(x)))
