from .skeleton_data_sample import SkeletonDataSample

__all__ = ['SkeletonDataSample']
