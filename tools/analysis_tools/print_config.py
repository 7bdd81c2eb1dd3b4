"""Print the fully resolved config.

    python tools/analysis_tools/print_config.py CONFIG [--cfg-options k=v]
"""
import argparse

from mmengine.config import Config, DictAction

from skelbench.utils import register_all_modules


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('config', help='config file path')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction,
                        help='override config entries, key=value')
    args = parser.parse_args()
    register_all_modules(init_default_scope=False)
    cfg = Config.fromfile(args.config)
    if args.cfg_options is not None:
        cfg.merge_from_dict(args.cfg_options)
    print(cfg.pretty_text)


if __name__ == '__main__':
    main()
