"""What outline text may say, parsed and checked: metric references (``gmv.yoy``), placeholders
(``{{ gmv.yoy }}``) and claims (``gmv_jd.yoy > gmv_tmall.yoy``).

The lowest level of the package: it imports nothing from the stages, so the outline checks and the story
both use it without either importing the other.
"""
