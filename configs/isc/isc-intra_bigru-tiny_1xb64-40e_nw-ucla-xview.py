# Intra-skeleton contrast (eq. 5, MoCo on the sequence representation
# alone) with the data, views, encoder and budget of the inter-skeleton
# NW-UCLA config isc_bigru-hcn-tiny_1xb64-40e_nw-ucla-xview.py: the
# paper's inter vs intra comparison at CPU scale.
_base_ = ['./isc_bigru-hcn-tiny_1xb64-40e_nw-ucla-xview.py']
model = dict(cross_representation=None)
